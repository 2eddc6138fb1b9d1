package dev.passerelle.app.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real bridge as a separate OS process, started exactly as in production
 * ({@code java --enable-native-access=ALL-UNNAMED -cp passerelle.jar:test-classes dev.passerelle.app.Main run
 * --data-dir DIR}) with the test classes added so that the {@link EchoHandler} is loaded. The data directory holds
 * {@code config.yaml}, the SQLite file, the log file and {@code output.log}, where standard output and error of
 * every run are appended. One instance may be started again after {@link #kill()} or {@link #stop()} on the same
 * ports and data. Every method blocks; none may be called from a Vert.x event loop.
 */
final class BridgeProcess implements AutoCloseable {

    static final String OUTPUT_FILE = "output.log";
    private static final Path JAR = Path.of("target", "passerelle.jar").toAbsolutePath();
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final BridgeConfig config;
    private Process process;
    private int starts;

    BridgeProcess(Path dataDir, BridgeConfig config) {
        this.dataDir = dataDir.toAbsolutePath();
        this.config = config;
    }

    BridgeConfig config() {
        return config;
    }

    Path dataDir() {
        return dataDir;
    }

    /** How many times the process was started. */
    int starts() {
        return starts;
    }

    /** Writes the config and starts the process; returns at once (see {@link #awaitReady}). */
    BridgeProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the bridge is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the end-to-end tests run the packaged bridge, so run "
                    + "them with 'mvnw verify' (package builds the jar first)");
        }
        config.writeTo(dataDir);
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + EchoHandlerProvider.SWITCH + "=true", "-cp",
                JAR + File.pathSeparator + TEST_CLASSES, "dev.passerelle.app.Main", "run", "--data-dir",
                dataDir.toString()))
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(OUTPUT_FILE).toFile()));
        // The developer's own overrides must not leak into the bridge under test.
        builder.environment().keySet().removeIf(name -> name.startsWith("PASSERELLE_"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + java, e);
        }
        starts++;
        return this;
    }

    /** SIGKILL: the process dies at once, without its shutdown hook; waits until it is gone. */
    void kill() {
        requireStarted();
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(20), "after SIGKILL");
    }

    /** SIGTERM and wait for the shutdown to finish; returns the exit code. */
    int stop() {
        requireStarted();
        process.destroy();
        return waitForExit(Duration.ofSeconds(30), "after SIGTERM");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code GET /ready} on the metrics port; {@link ReadyAnswer#noAnswer()} when nothing listens. */
    ReadyAnswer ready() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + config.metricsPort() + "/ready")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return ReadyAnswer.parse(r.statusCode(), r.body());
        } catch (IOException e) {
            return ReadyAnswer.noAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking the bridge /ready", e);
        }
    }

    /** The text of {@code GET /metrics} (Prometheus format). */
    String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.metricsPort()
                    + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("the bridge's /metrics did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading /metrics", e);
        }
    }

    /** Waits until {@code /ready} answers 200. */
    ReadyAnswer awaitReady(Duration timeout) {
        return awaitReadyAnswer(a -> a.status() == 200, timeout, "/ready to answer 200");
    }

    /**
     * Polls {@code /ready} until an answer satisfies {@code wanted}; fails with the last answer and the log tail
     * when the deadline passes or the process dies.
     */
    ReadyAnswer awaitReadyAnswer(Predicate<ReadyAnswer> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReadyAnswer last = ReadyAnswer.noAnswer();
        while (true) {
            requireAlive("while waiting for " + what);
            last = ready();
            if (wanted.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last answer: " + last
                        + "\n" + logTail(40));
            }
            Poll.pause();
        }
    }

    /** Fails with the exit code and the log tail when the process is not running. */
    void requireAlive(String when) {
        requireStarted();
        if (!process.isAlive()) {
            throw new AssertionError("the bridge process died " + when + " (exit code " + process.exitValue() + ")\n"
                    + logTail(60));
        }
    }

    /** Everything every run of the process wrote to standard output and error. */
    String log() {
        try {
            Path out = dataDir.resolve(OUTPUT_FILE);
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bridge's output", e);
        }
    }

    /** The contents of the configured {@code logging.file}; empty when it was never written. */
    String logFile() {
        try {
            Path file = dataDir.resolve(BridgeConfig.LOG_FILE);
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bridge's log file", e);
        }
    }

    /** The last {@code lines} lines of the output, for failure messages. */
    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return "--- last " + Math.min(lines, all.size()) + " lines of the bridge's output (" + dataDir.resolve(
                OUTPUT_FILE) + ") ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(20), "on close");
        }
    }

    private int waitForExit(Duration timeout, String when) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the bridge did not exit within " + timeout.toSeconds() + " s " + when
                        + "\n" + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for the bridge to exit", e);
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the bridge was never started");
        }
    }
}
