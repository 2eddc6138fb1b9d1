package dev.passerelle.app;

import dev.passerelle.core.Passerelle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code passerelle run}: writes the starter files if needed, then runs the bridge until SIGTERM/SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bridge (the default). On a fresh machine, first writes config.yaml and "
                + "registration.yaml.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigLocation location;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new Execution(location.configFile(main.location), main.environment,
                spec.commandLine().getOut()).run();
    }

    /** One run of the bridge; blocks until the process is asked to stop. */
    record Execution(Path configFile, Map<String, String> environment, PrintWriter out) {

        int run() throws IOException, InterruptedException {
            var config = new StarterFiles(environment, out).prepare(configFile);
            LoggingSetup.apply(config);
            var log = LoggerFactory.getLogger(RunCommand.class);
            // Connector data lives under <config dir>/data/<network>.
            var bridge = Passerelle.start(config, configFile.toAbsolutePath().getParent(), List.of());
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("passerelle-shutdown").unstarted(() -> {
                log.info("Stopping Passerelle");
                try {
                    bridge.close();
                } finally {
                    stopped.countDown();
                }
            }));
            var appservice = config.appservice();
            log.info("Passerelle is listening on {}:{} for {} (homeserver {}){}", appservice.hostname(),
                    appservice.port(), config.homeserver().domain(), config.homeserver().address(),
                    config.metrics().enabled() ? ", metrics on " + config.metrics().hostname() + ":"
                            + config.metrics().port() : "");
            stopped.await();
            return 0;
        }
    }
}
