package dev.passerelle.app;

import dev.passerelle.core.config.NamespaceClaim;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.Registration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Builds the registration for a config, with the namespaces of every enabled connector, and writes it. */
final class RegistrationFiles {

    private RegistrationFiles() {
    }

    /**
     * The registration for {@code config}. No connector ships yet, so no ghost or alias namespace is claimed beyond
     * the bot; each connector will add its {@link NamespaceClaim}s here once it is found with ServiceLoader.
     */
    static Registration registrationFor(PasserelleConfig config) {
        List<NamespaceClaim> ghostUsers = List.of();
        List<NamespaceClaim> aliases = List.of();
        return Registration.fromConfig(config, ghostUsers, aliases);
    }

    /** Writes the registration for {@code config} to {@code file}, replacing it. Blocks on I/O. */
    static Registration write(PasserelleConfig config, Path file) throws IOException {
        var registration = registrationFor(config);
        registration.write(file);
        return registration;
    }
}
