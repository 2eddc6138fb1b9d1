package dev.passerelle.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/** The {@link FakeHomeserverProcess} as seen from the benchmark: started as a child JVM, stopped with it. */
final class HomeserverProcess implements AutoCloseable {

    private final Process process;
    private final String url;

    private HomeserverProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts the child and waits until it listens; {@code onSend} gets each bench send's arrival time and body, in
     * arrival order, on a reader thread.
     */
    static HomeserverProcess start(String asToken, String hsToken, String bridgeUrl, Duration answerDelay,
                                   BiConsumer<Long, String> onSend) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FakeHomeserverProcess.class.getName(), asToken, hsToken, bridgeUrl,
                Long.toString(answerDelay.toNanos() / 1000)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null || !first.startsWith("listening ")) {
            p.destroy();
            throw new IllegalStateException("the fake homeserver process did not start (said: " + first + ")");
        }
        Thread.ofPlatform().daemon().name("homeserver-arrivals").start(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ', 5);
                    onSend.accept(Long.parseLong(line.substring(5, space)), line.substring(space + 1));
                }
            } catch (java.io.IOException e) {
                // the child ended
            }
        });
        return new HomeserverProcess(p, first.substring("listening ".length()));
    }

    String url() {
        return url;
    }

    /** CPU time the child used so far, from /proc (Linux), in nanoseconds; -1 when unknown. */
    boolean isAlive() {
        return process.isAlive();
    }

    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (java.io.IOException e) {
            // already gone
        }
        process.destroy();
    }
}
