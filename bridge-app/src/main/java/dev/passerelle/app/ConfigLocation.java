package dev.passerelle.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the config lives: {@code -c/--config} and {@code --data-dir}, accepted before or after the subcommand.
 * A subcommand's own option wins over the top-level one.
 */
public final class ConfigLocation {

    static final String CONFIG_FILE = "config.yaml";
    static final String REGISTRATION_FILE = "registration.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The config file (default: config.yaml in the data directory).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding config.yaml, registration.yaml and the SQLite database "
                    + "(default: the current directory).")
    Path dataDir;

    /** The config file, taking {@code outer}'s options where this one has none. */
    Path configFile(ConfigLocation outer) {
        if (config != null) {
            return config;
        }
        if (outer != null && outer.config != null) {
            return outer.config;
        }
        var dir = dataDir != null ? dataDir : outer != null && outer.dataDir != null ? outer.dataDir : Path.of(".");
        return dir.resolve(CONFIG_FILE).normalize();
    }

    /** The registration file that goes with {@code configFile}: beside it. */
    static Path registrationBeside(Path configFile) {
        return configFile.toAbsolutePath().resolveSibling(REGISTRATION_FILE);
    }
}
