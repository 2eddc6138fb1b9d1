package dev.passerelle.app;

import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.ConfigValidator;
import dev.passerelle.core.config.Registration;
import dev.passerelle.core.config.SecretMask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code passerelle check-config}: loads and validates the config, prints every problem, exits 3 if any. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check the config and list every problem (exit code 3 when there are any).")
final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigLocation location;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var configFile = location.configFile(main.location);
        var config = ConfigValidator.validate(new ConfigLoader(main.environment).load(configFile));
        var out = spec.commandLine().getOut();
        out.println(configFile + " is valid.");
        out.println("  homeserver: " + config.homeserver().address() + " (" + config.homeserver().domain() + ")");
        out.println("  listening:  " + config.appservice().hostname() + ":" + config.appservice().port()
                + ", reached at " + config.appservice().address());
        out.println("  database:   " + config.database().type().name().toLowerCase() + " "
                + SecretMask.maskUriPassword(config.database().uri()));
        var puppets = config.doublePuppet().secrets();
        out.println("  double puppeting: " + (puppets.isEmpty() ? "off" : String.join(", ", puppets.entrySet().stream()
                .map(e -> e.getKey() + " (" + SecretMask.mask(e.getValue()) + ")").sorted().toList())));
        var networks = config.networks() == null ? List.<String>of()
                : List.copyOf(config.networks().keySet());
        out.println("  networks:   " + (networks.isEmpty() ? "none enabled (see networks: in the config)"
                : String.join(", ", networks)));
        var registrationFile = ConfigLocation.registrationBeside(configFile);
        if (!Files.exists(registrationFile)) {
            out.println("  registration: " + registrationFile + " does not exist yet; 'passerelle "
                    + "generate-registration' writes it.");
        } else {
            var registration = Registration.parse(Files.readString(registrationFile));
            var expected = RegistrationFiles.registrationFor(config);
            boolean secrets = same(registration.asToken(), expected.asToken())
                    && same(registration.hsToken(), expected.hsToken());
            // The rest is compared whole: a network enabled since the registration was written has ghosts the
            // homeserver would not send to the bridge.
            boolean rest = registration.equals(new Registration(expected.id(), expected.url(), registration.asToken(),
                    registration.hsToken(), expected.senderLocalpart(), expected.rateLimited(),
                    expected.receiveEphemeral(), expected.namespaces()));
            out.println("  registration: " + registrationFile + (secrets && rest ? " matches the config."
                    : " does NOT match the config (" + (secrets ? "" : "tokens ") + (secrets || rest ? "" : "and ")
                            + (rest ? "" : "url, bot or namespaces of the enabled networks ")
                            + "differ); run 'passerelle generate-registration' and reload it in the homeserver."));
        }
        out.flush();
        return 0;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
