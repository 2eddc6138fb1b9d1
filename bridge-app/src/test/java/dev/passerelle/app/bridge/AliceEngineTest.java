package dev.passerelle.app.bridge;

import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The world most engine tests start from ({@link EngineBed#withAliceLoggedIn}), once against each homeserver
 * generation (acceptance 7 of the engine): a subclass only writes its tests, and may add to the set-up in its own
 * {@code @BeforeEach}, which runs after this one.
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
abstract class AliceEngineTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    @TempDir
    Path dir;
    EngineBed bed;
    /** Alice's account on the test network, to script what it receives and read what the bridge sent. */
    TestLogin alice;

    @BeforeEach
    void startWithAliceLoggedIn() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
        alice = TestNetwork.login("alice");
    }

    @AfterEach
    void closeBed() {
        bed.close();
    }
}
