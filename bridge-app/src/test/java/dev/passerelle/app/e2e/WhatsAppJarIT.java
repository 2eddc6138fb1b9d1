package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged bridge ({@code target/passerelle.jar}) with {@code networks.whatsapp: {}} and nothing else: it finds
 * the sidecar where the build put it, next to the jar ({@code target/whatsapp-sidecar}), starts it with Node, and
 * takes it down with itself on SIGTERM (no Node process is left behind).
 */
class WhatsAppJarIT extends BridgeProcessTest {

    private static final Path JAR = Path.of("target", "passerelle.jar").toAbsolutePath();
    private static final Pattern UP = Pattern.compile("WhatsApp sidecar up \\(node pid (\\d+), (.*?)\\)");

    @Test
    void theJarFindsTheSidecarNextToItAndStopsItWhenItStops() throws Exception {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens());
        try (FakeHomeserver hs = bed.startFake(vertx)) {
            bed.bridgeConfig().writeTo(dataDir);
            Files.writeString(dataDir.resolve("config.yaml"), "networks:\n  whatsapp: {}\n", StandardOpenOption.APPEND);
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path output = dataDir.resolve("output.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                    JAR.toString(), "run", "--data-dir", dataDir.toString())).directory(dataDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PASSERELLE_"));
            Process bridge = builder.start();
            try {
                Poll.until("the sidecar to start", Duration.ofSeconds(60), () -> match(output).isPresent(),
                        () -> tail(output));
                Matcher up = match(output).orElseThrow();
                String launcher = up.group(2);
                assertTrue(launcher.contains("target" + File.separator + "whatsapp-sidecar"), launcher);
                long nodePid = Long.parseLong(up.group(1));
                assertTrue(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false), "node runs");

                bridge.destroy(); // SIGTERM
                assertTrue(bridge.waitFor(30, TimeUnit.SECONDS), "the bridge stops\n" + tail(output));
                Poll.until("the sidecar to end with the bridge", Duration.ofSeconds(15), () -> ProcessHandle
                        .of(nodePid).map(p -> !p.isAlive()).orElse(true), () -> "node pid " + nodePid + " still runs");
            } finally {
                bridge.destroyForcibly();
            }
        }
    }

    private static Optional<Matcher> match(Path output) {
        Matcher m = UP.matcher(read(output));
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    private static String read(Path output) {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String tail(Path output) {
        List<String> lines = read(output).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
