package dev.passerelle.testnet;

import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NetworkDescription;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.StoredLogin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The test network's connector ({@code testnet}), found by {@link java.util.ServiceLoader}. Test-only: it serves
 * the scripted {@link TestNetwork} of its JVM. Its clients and logins use the world current when they are made.
 */
public final class TestNetworkConnector implements NetworkConnector {

    public static final String ID = "testnet";

    private volatile TestNetworkConfig config = TestNetworkConfig.defaults();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public NetworkDescription description() {
        return new NetworkDescription("Test Network", "testnetbot", "Test Network bridge bot", Optional.empty(),
                "testnet_", "testnet_", "https://testnet.invalid");
    }

    @Override
    public NetworkCapabilities capabilities() {
        return new NetworkCapabilities(TestNetwork.world().messageKinds(), true, 50L * 1024 * 1024,
                true, Optional.empty(), true, Optional.of(Duration.ofHours(24)), true, config.maxReactions());
    }

    @Override
    public void start(ConnectorContext context) throws ConnectorException {
        config = TestNetworkConfig.from(context.config());
    }

    /** The config read at {@link #start}, or the defaults before it. */
    public TestNetworkConfig config() {
        return config;
    }

    @Override
    public List<LoginFlow> loginFlows() {
        return List.of(
                new LoginFlow("qr", "QR code", "Scan a QR code with the Test Network app."),
                new LoginFlow("code", "Phone number", "Enter your phone number, then the code sent to it."));
    }

    @Override
    public LoginProcess startLogin(String flowId, String userId) throws LoginException {
        return switch (flowId) {
            case "qr" -> new QrLogin(TestNetwork.world(), config.qrRotate());
            case "code" -> new CodeLogin(TestNetwork.world());
            default -> throw new LoginException("PASSERELLE.TESTNET.UNKNOWN_FLOW",
                    "Test Network has no login flow '" + flowId + "'; use one of: qr, code");
        };
    }

    @Override
    public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
        World world = TestNetwork.world();
        world.lock.lock();
        try {
            String token = new String(login.secret(), StandardCharsets.UTF_8);
            boolean valid = world.sessionAccount(token).map(login.loginId()::equals).orElse(false);
            TestNetworkClient client = new TestNetworkClient(world, config.sendDelay(), login.loginId(), valid, sink);
            world.register(login.loginId(), client);
            return client;
        } finally {
            world.lock.unlock();
        }
    }
}
