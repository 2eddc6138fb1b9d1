package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.net.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar the Dockerfile's build stage produces, started the way the image starts it (its ENTRYPOINT, CMD and ENV,
 * read from the Dockerfile) on an empty {@code /data}-style directory: it writes the starter files there, says what
 * to do next, and answers {@code /health} — without Docker.
 */
class ImageLayoutIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path root;

    @Test
    void startsOnAnEmptyDataDirectoryAndAnswersHealth() throws Exception {
        String dockerfile = Files.readString(Path.of("..", "Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
        Path data = root.resolve("data");
        Files.createDirectories(data);
        int port = FreePort.find();
        int metricsPort = FreePort.find();

        List<String> command = new ArrayList<>();
        for (String word : jsonArray(dockerfile, "ENTRYPOINT")) {
            command.add(switch (word) {
                case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case "/opt/passerelle/passerelle.jar" -> Path.of("target", "passerelle.jar").toAbsolutePath().toString();
                case "/data" -> data.toString();
                default -> word;
            });
        }
        command.addAll(jsonArray(dockerfile, "CMD"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("output.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PASSERELLE_"));
        builder.environment().putAll(imageEnvironment(dockerfile));
        // Free ports instead of the defaults, so that the test runs beside anything else on this machine.
        builder.environment().put("PASSERELLE_APPSERVICE__PORT", Integer.toString(port));
        builder.environment().put("PASSERELLE_METRICS__PORT", Integer.toString(metricsPort));
        Process process = builder.start();
        try {
            Poll.until("/health on the appservice port", Duration.ofSeconds(60), () -> health(port),
                    () -> log() + (process.isAlive() ? "" : "\n(the process ended with " + process.exitValue() + ")"));
            assertTrue(Files.isRegularFile(data.resolve("config.yaml")), "config.yaml must be written into /data");
            assertTrue(Files.isRegularFile(data.resolve("registration.yaml")), "registration.yaml must be written into /data");
            String log = log();
            assertTrue(log.contains("homeserver.address"), "the first start must say what to edit next:\n" + log);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private String log() {
        try {
            return Files.readString(root.resolve("output.log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static boolean health(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The words of an exec-form instruction such as {@code ENTRYPOINT ["java", "-jar", ...]}. */
    private static List<String> jsonArray(String dockerfile, String instruction) {
        Matcher line = Pattern.compile("(?m)^" + instruction + " \\[(.*)]$").matcher(dockerfile);
        assertTrue(line.find(), "the Dockerfile has no exec-form " + instruction);
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(line.group(1));
        while (word.find()) {
            words.add(word.group(1));
        }
        return words;
    }

    private static Map<String, String> imageEnvironment(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^ENV (.*)$").matcher(dockerfile);
        while (line.find()) {
            Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(line.group(1));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2));
            }
        }
        return env;
    }
}
