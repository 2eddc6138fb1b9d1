package dev.passerelle.app;

import dev.passerelle.core.bridge.Networks;
import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.ConfigValidator;
import dev.passerelle.core.config.ExampleConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.SecretGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code run} does before starting the bridge: on a fresh machine it writes a commented {@code config.yaml}
 * and the matching {@code registration.yaml} and says what to do next; when only the registration is missing it
 * writes that. Then it loads and validates the config. Blocks on file I/O; never starts the bridge.
 */
final class StarterFiles {

    private final Map<String, String> environment;
    private final PrintWriter out;

    StarterFiles(Map<String, String> environment, PrintWriter out) {
        this.environment = environment;
        this.out = out;
    }

    /**
     * Makes sure both files exist, then returns the validated config.
     *
     * @throws dev.passerelle.core.config.ConfigException when the (existing) config is not usable
     */
    PasserelleConfig prepare(Path configFile) throws IOException {
        var registrationFile = ConfigLocation.registrationBeside(configFile);
        boolean freshConfig = !Files.exists(configFile);
        if (freshConfig) {
            ExampleConfig.write(configFile, new SecretGenerator(), Networks.exampleSections());
        }
        var config = ConfigValidator.validate(new ConfigLoader(environment).load(configFile));
        boolean freshRegistration = !Files.exists(registrationFile);
        if (freshRegistration) {
            RegistrationFiles.write(config, registrationFile);
        }
        if (freshConfig) {
            out.printf("""
                    No config was found, so Passerelle wrote a commented one with fresh secrets:
                      config:       %s
                      registration: %s
                    Next:
                      1. Edit homeserver.address and homeserver.domain in %s (now %s and %s).
                      2. Enable your networks under networks: in the same file (remove the '#' in front of a
                         network's lines and fill in what it requires; docs/admin-guide.md).
                      3. Run 'passerelle generate-registration -c %s': the registration names your domain and
                         each enabled network's bot and ghosts.
                      4. Add %s to app_service_config_files in Synapse's homeserver.yaml.
                      5. Restart Synapse, then restart Passerelle.
                    Starting now with this config.
                    """, configFile.toAbsolutePath(), registrationFile, configFile.getFileName(),
                    config.homeserver().address(), config.homeserver().domain(), configFile, registrationFile);
        } else if (freshRegistration) {
            out.printf("""
                    Wrote %s for %s.
                    Add it to app_service_config_files in Synapse's homeserver.yaml and restart Synapse.
                    """, registrationFile, configFile);
        }
        out.flush();
        return config;
    }
}
