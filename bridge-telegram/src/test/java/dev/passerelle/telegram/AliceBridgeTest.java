package dev.passerelle.telegram;

import dev.passerelle.telegram.fake.FakeAccount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of the end-to-end tests: the real bridge on the fake homeserver and the fake TDLib, with Alice
 * (Telegram 1001, {@link TelegramBridgeBed#ALICE} on Matrix) logged in and Bob (1002) on Telegram. A test class adds
 * accounts with {@link #accounts()} and more set-up in its own {@code @BeforeEach}, which runs after this one.
 */
abstract class AliceBridgeTest {

    static final long ALICE = FakePeople.ALICE;
    static final long BOB = FakePeople.BOB;
    static final long CAROL = FakePeople.CAROL;
    static final String CAROL_MXID = "@carol:example.org";

    @TempDir
    Path dir;
    TelegramBridgeBed bed;

    /** The accounts of the fake Telegram; Alice's comes first. */
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob());
    }

    @BeforeEach
    void startBridgeWithAlice() throws Exception {
        bed = new TelegramBridgeBed(dir);
        accounts().forEach(bed.telegram::add);
        bed.start();
        bed.login(TelegramBridgeBed.ALICE, "+33600000001", ALICE);
    }

    @AfterEach
    void stopBridge() {
        bed.close();
    }
}
