package dev.passerelle.whatsapp;

import dev.passerelle.whatsapp.sidecar.SidecarLauncher;
import dev.passerelle.whatsapp.sidecar.SidecarLauncherProvider;
import java.nio.file.Path;
import java.util.Optional;

/** {@code sidecar_launcher: scripted}: the bridge's real wiring runs against the test's {@link ScriptedSidecar}. */
public final class ScriptedSidecarProvider implements SidecarLauncherProvider {

    /** The sidecar the next bridge start gets; set by the test. */
    static volatile ScriptedSidecar current;

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public SidecarLauncher launcher(Optional<Path> sidecarPath) {
        if (current == null) {
            throw new IllegalStateException("set ScriptedSidecarProvider.current before starting the bridge");
        }
        return current;
    }
}
