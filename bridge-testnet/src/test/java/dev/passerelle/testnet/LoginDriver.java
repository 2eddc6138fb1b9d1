package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.StoredLogin;
import java.util.Map;

/** Logs accounts in through the SPI, as the engine does, for tests that need a connected client. */
final class LoginDriver {

    private LoginDriver() {
    }

    /** The code flow for an account without password. */
    static NewLogin byCode(TestNetworkConnector connector, String phone) throws Exception {
        try (LoginProcess process = connector.startLogin("code", "@user:example.org")) {
            process.start();
            process.submit(Map.of("phone", phone));
            String code = TestNetwork.lastCodeFor(phone).orElseThrow();
            return assertInstanceOf(LoginStep.Complete.class, process.submit(Map.of("code", code))).login();
        }
    }

    /** Logs in by code and connects a client whose events go to {@code sink}. */
    static NetworkClient connected(TestNetworkConnector connector, String phone, RecordingSink sink) throws Exception {
        NewLogin login = byCode(connector, phone);
        NetworkClient client = connector.loadClient(
                new StoredLogin(login.loginId(), "@user:example.org", login.remoteName(), login.secret()), sink);
        client.connect();
        return client;
    }
}
