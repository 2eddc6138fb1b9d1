package dev.passerelle.app;

import dev.passerelle.core.bridge.NetworkNamespaces;
import dev.passerelle.core.bridge.Networks;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.Registration;
import dev.passerelle.core.spi.NetworkConnector;
import java.io.IOException;
import java.nio.file.Path;

/** Builds the registration for a config, with the namespaces of every enabled connector, and writes it. */
final class RegistrationFiles {

    private RegistrationFiles() {
    }

    /**
     * The registration for {@code config}: the bridge bot, plus each enabled connector's bot, ghosts and aliases
     * claimed exclusively (connectors found with ServiceLoader, enabled by their section under {@code networks:}).
     *
     * @throws IllegalStateException when a configured network has no connector on the class path
     */
    static Registration registrationFor(PasserelleConfig config) {
        var descriptions = Networks.enabled(config).stream().map(NetworkConnector::description).toList();
        var claims = NetworkNamespaces.of(descriptions, config.homeserver().domain());
        return Registration.fromConfig(config, claims.users(), claims.aliases());
    }

    /** Writes the registration for {@code config} to {@code file}, replacing it. Blocks on I/O. */
    static Registration write(PasserelleConfig config, Path file) throws IOException {
        var registration = registrationFor(config);
        registration.write(file);
        return registration;
    }
}
