package dev.passerelle.app;

import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.ConfigValidator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code passerelle generate-registration}: writes the appservice registration for the homeserver. */
@Command(name = "generate-registration", mixinStandardHelpOptions = true,
        description = "Write registration.yaml for the homeserver from the config.")
final class GenerateRegistrationCommand implements Callable<Integer> {

    @Mixin
    ConfigLocation location;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write it (default: registration.yaml beside the config).")
    Path output;

    @Override
    public Integer call() throws Exception {
        var configFile = location.configFile(main.location);
        var config = ConfigValidator.validate(new ConfigLoader(main.environment).load(configFile));
        var target = output != null ? output : ConfigLocation.registrationBeside(configFile);
        var registration = RegistrationFiles.write(config, target);
        var out = spec.commandLine().getOut();
        out.println("Wrote " + target.toAbsolutePath() + " (appservice '" + registration.id() + "', bridge at "
                + registration.url() + ").");
        out.println("Add it to app_service_config_files in Synapse's homeserver.yaml and restart Synapse.");
        out.flush();
        return 0;
    }
}
