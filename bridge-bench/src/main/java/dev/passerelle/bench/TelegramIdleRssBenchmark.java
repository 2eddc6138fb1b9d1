package dev.passerelle.bench;

import dev.passerelle.telegram.TdDatabase;
import dev.passerelle.telegram.TdInstance;
import dev.passerelle.telegram.TelegramConfig;
import dev.passerelle.telegram.td.TdReceiveLoop;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.tdjson.NativeTdJson;
import dev.passerelle.telegram.tdjson.TdjsonLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telegram-idle-rss}: the resident memory of real TDLib clients (the bundled libtdjson) left idle, offline.
 * Without Telegram to reach, a client cannot log in: each is started on its own database and waits for a phone
 * number, which is as close to an idle logged-in account as an offline machine gets (TDLib keeps trying to reach
 * its data centres meanwhile).
 */
@Command(name = "telegram-idle-rss", mixinStandardHelpOptions = true,
        description = "RSS of the process with 1, 10, 50 idle TDLib clients (offline, waiting for a phone number).")
final class TelegramIdleRssBenchmark implements Callable<Integer> {

    @Option(names = "--clients", split = ",", defaultValue = "1,10,50", description = "client counts (default ${DEFAULT-VALUE})")
    List<Integer> counts;

    @Option(names = "--settle-seconds", defaultValue = "15", description = "idle time before reading RSS (default ${DEFAULT-VALUE})")
    int settleSeconds;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("telegram-rss");
        NativeTdJson td = NativeTdJson.load(TdjsonLibrary.locate(Optional.empty(), dir), 1);
        TdReceiveLoop loop = new TdReceiveLoop(td);
        var config = new TelegramConfig(94575, "a3406de8d171bb422bb6ddf3bbd800e2", Optional.empty(), 1, "bench");
        System.gc();
        Thread.sleep(Duration.ofSeconds(2));
        long base = rssKib();
        System.out.printf("telegram-idle-rss clients=0 rss_mib=%.1f (library loaded, no client)%n", base / 1024.0);
        List<TdInstance> clients = new ArrayList<>();
        for (int target : counts) {
            while (clients.size() < target) {
                TdInstance c = TdInstance.start(loop, TdDatabase.create(dir, new byte[32]), config,
                        "bench-" + clients.size(), update -> { });
                if (!(c.nextState(Duration.ofSeconds(30)).orElseThrow()
                        instanceof AuthorizationState.WaitPhoneNumber)) {
                    throw new IllegalStateException("a client did not reach WaitPhoneNumber");
                }
                clients.add(c);
            }
            Thread.sleep(Duration.ofSeconds(settleSeconds));
            System.gc();
            long rss = rssKib();
            System.out.printf("telegram-idle-rss clients=%d rss_mib=%.1f per_client_mib=%.2f%n", target,
                    rss / 1024.0, (rss - base) / 1024.0 / target);
        }
        clients.forEach(TdInstance::close);
        loop.close();
        return 0;
    }

    private static long rssKib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status (Linux only)");
    }
}
