package dev.passerelle.app;

import dev.passerelle.core.bridge.Networks;
import dev.passerelle.core.config.ExampleConfig;
import dev.passerelle.core.config.SecretGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code passerelle generate-config}: writes a commented config with fresh tokens and secret key. */
@Command(name = "generate-config", mixinStandardHelpOptions = true,
        description = "Write a commented config.yaml with fresh tokens and secret key.")
final class GenerateConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigLocation location;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write it (default: the config file, config.yaml).")
    Path output;

    @Option(names = "--force", description = "Replace the file if it exists (its secrets are lost).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        var target = output != null ? output : location.configFile(main.location);
        var err = spec.commandLine().getErr();
        if (Files.exists(target)) {
            if (!force) {
                err.println("passerelle: " + target + " exists already; it was left alone. Use -o to write "
                        + "elsewhere, or --force to replace it (its tokens and secret key are then lost).");
                return 1;
            }
            Files.delete(target);
        }
        ExampleConfig.write(target, new SecretGenerator(), Networks.exampleSections());
        var out = spec.commandLine().getOut();
        out.println("Wrote " + target.toAbsolutePath() + ".");
        out.println("Edit homeserver.address and homeserver.domain, then run 'passerelle generate-registration -c "
                + target + "'.");
        out.flush();
        return 0;
    }
}
