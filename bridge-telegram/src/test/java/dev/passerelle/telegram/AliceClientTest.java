package dev.passerelle.telegram;

import dev.passerelle.telegram.fake.FakeAccount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of the tests of one Telegram client without the engine: the connector on the fake TDLib, Alice (1001)
 * logged in and connected, her client's events recorded, and Bob (1002) on Telegram. A test class adds accounts with
 * {@link #accounts()} and more set-up in its own {@code @BeforeEach}, which runs after this one.
 */
abstract class AliceClientTest {

    static final long ALICE = FakePeople.ALICE;
    static final long BOB = FakePeople.BOB;
    static final long CAROL = FakePeople.CAROL;

    @TempDir
    Path data;
    TelegramBed bed;
    EventRecorder events;
    TelegramClient alice;

    /** The accounts of the fake Telegram; Alice's comes first. */
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob());
    }

    @BeforeEach
    void connectAlice() throws Exception {
        bed = new TelegramBed(data);
        accounts().forEach(bed.telegram::add);
        events = new EventRecorder();
        alice = bed.connect(bed.loginByPhone("+33600000001", ""), events);
    }

    @AfterEach
    void disconnectAlice() {
        alice.disconnect();
        bed.close();
    }
}
