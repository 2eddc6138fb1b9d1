package dev.passerelle.app.bridge;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.util.Map;

/** The {@link BridgeBed} with the test network: its world is {@link TestNetwork}, reset when the bed closes. */
final class EngineBed extends BridgeBed {

    static final String ALICE_PHONE = "+33600000001";

    EngineBed(Path dir) {
        super(dir, "testnet", "testnetbot", "testnet_");
    }

    /**
     * The world most engine tests start from: Alice, Bob (with an avatar) and Carol on the test network, the bridge
     * started, and Alice's Matrix account logged in to her network account.
     */
    static EngineBed withAliceLoggedIn(Path dir) throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", ALICE_PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002").withAvatar(PNG));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003"));
        EngineBed bed = new EngineBed(dir);
        bed.start();
        bed.login(ALICE, ALICE_PHONE);
        return bed;
    }

    /** Logs {@code phone}'s account in with the code flow and hands the login to the engine, as the command will. */
    NewLogin login(String userId, String phone) throws Exception {
        NewLogin login;
        try (LoginProcess process = connector().startLogin("code", userId)) {
            process.start();
            process.submit(Map.of("phone", phone));
            LoginStep done = process.submit(Map.of("code", TestNetwork.lastCodeFor(phone).orElseThrow()));
            login = ((LoginStep.Complete) done).login();
        }
        addLogin(userId, login);
        String loginId = login.loginId();
        until("login " + loginId + " to connect", () -> TestNetwork.login(loginId).isConnected(), () -> "");
        return login;
    }

    @Override
    public void close() {
        super.close();
        TestNetwork.reset();
    }
}
