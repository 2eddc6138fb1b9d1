package dev.passerelle.whatsapp.sidecar;

import java.nio.file.Path;

/**
 * Another way to run the sidecar, found with {@link java.util.ServiceLoader} and picked by
 * {@code networks.whatsapp.sidecar_launcher: <name>}. The distribution has none: the default ({@code node}) runs
 * the Node sidecar. Tests register a scripted sidecar this way, so that the bridge's real wiring runs against it.
 */
public interface SidecarLauncherProvider {

    /** The name the config uses. */
    String name();

    /**
     * @param sidecarPath the configured sidecar directory, if any
     */
    SidecarLauncher launcher(java.util.Optional<Path> sidecarPath);
}
