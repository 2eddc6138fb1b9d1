package dev.passerelle.telegram;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.telegram.fake.FakeAccount;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: TDLib updates/s the connector turns into Matrix events, across 100 chats (100 contacts writing to
 * Alice), through the fake TDLib (the JSON boundary, updates routed by the connector's one receive loop) and the
 * real bridge wiring (SQLite) into the fake homeserver on loopback. Run on demand:
 * {@code ./mvnw -B -o verify -pl bridge-telegram -am -Dtest=TelegramThroughputBench -Dbench.excluded= -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class TelegramThroughputBench {

    private static final long ALICE = 1001;
    private static final long FIRST_CONTACT = 5000;
    private static final int CHATS = 100;
    private static final int PER_CHAT = 30;

    @Test
    void updatesPerSecondIntoMatrixAcross100Chats() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench");
        try (TelegramBridgeBed bed = new TelegramBridgeBed(dir)) {
            addAccounts(bed.telegram);
            bed.start();
            bed.login(BridgeBed.ALICE, "+33600000001", ALICE);
            // Warm-up: every portal exists before the clock starts.
            for (int c = 0; c < CHATS; c++) {
                bed.telegram.write(FIRST_CONTACT + c, ALICE, "warm " + c);
            }
            List<String> rooms = new ArrayList<>();
            for (int c = 0; c < CHATS; c++) {
                rooms.add(bed.awaitMessage(Long.toString(FIRST_CONTACT + c), "warm " + c).path("room_id").asText());
            }
            long start = System.nanoTime();
            for (int i = 0; i < PER_CHAT; i++) {
                for (int c = 0; c < CHATS; c++) {
                    bed.telegram.write(FIRST_CONTACT + c, ALICE, "m" + i + " " + c);
                }
            }
            for (int c = 0; c < CHATS; c++) {
                String room = rooms.get(c);
                String last = "m" + (PER_CHAT - 1) + " " + c;
                BridgeBed.until("the last message of chat " + c, () -> !bed.messages(room, last).isEmpty(), () -> "");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int total = CHATS * PER_CHAT;
            System.out.printf("BENCH telegram updates → Matrix: %d messages across %d chats in %.2f s = %.0f/s%n",
                    total, CHATS, seconds, total / seconds);
        }
    }

    /** The connector alone: TDLib updates → {@code RemoteEvent}s handed to the engine's sink. */
    @Test
    void connectorAloneUpdatesPerSecond() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench");
        try (TelegramBed bed = new TelegramBed(dir)) {
            addAccounts(bed.telegram);
            EventRecorder events = new EventRecorder();
            TelegramClient alice = bed.connect(bed.loginByPhone("+33600000001", ""), events);
            try {
                int total = 20_000;
                for (int i = 0; i < 1000; i++) {
                    bed.telegram.write(FIRST_CONTACT + i % CHATS, ALICE, "w" + i);
                }
                await(() -> messages(events) >= 1000);
                int before = messages(events);
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    bed.telegram.write(FIRST_CONTACT + i % CHATS, ALICE, "m" + i);
                }
                await(() -> messages(events) >= before + total);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("BENCH telegram connector alone: %d updates in %.2f s = %.0f/s%n", total, seconds,
                        total / seconds);
            } finally {
                alice.disconnect();
            }
        }
    }

    private static void addAccounts(dev.passerelle.telegram.fake.FakeTelegram telegram) {
        telegram.add(FakeAccount.user(ALICE, "Alice", "+33600000001"));
        for (int c = 0; c < CHATS; c++) {
            telegram.add(FakeAccount.user(FIRST_CONTACT + c, "Contact " + c, "+3361" + (1000000 + c)));
        }
    }

    private static int messages(EventRecorder events) {
        return events.all(RemoteEvent.Message.class).size();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all updates arrived within 5 minutes");
            }
            Thread.sleep(50);
        }
    }
}
