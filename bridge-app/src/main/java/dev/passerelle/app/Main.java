package dev.passerelle.app;

import dev.passerelle.core.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code passerelle} command. Without a subcommand it runs the bridge. Exit codes: 0 ok, 1 failure, 2 bad
 * usage, 3 invalid config (every problem printed).
 */
@Command(name = "passerelle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Matrix bridge to WhatsApp, Telegram and Messenger. Without a command: run.",
        subcommands = {RunCommand.class, GenerateConfigCommand.class, GenerateRegistrationCommand.class,
                CheckConfigCommand.class, ConfigReferenceCommand.class})
public final class Main implements Callable<Integer> {

    /** Exit code for a config that cannot be used. */
    public static final int EXIT_INVALID_CONFIG = 3;

    @Mixin
    ConfigLocation location;

    final Map<String, String> environment;

    Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its error handling, reading overrides from {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        var commandLine = new CommandLine(new Main(environment));
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            var err = failed.getErr();
            if (error instanceof ConfigException invalid) {
                err.println(invalid.getMessage());
                err.flush();
                return EXIT_INVALID_CONFIG;
            }
            err.println("passerelle: " + error.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand.Execution(location.configFile(null), environment,
                new PrintWriter(System.out, true)).run();
    }
}
