package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.telegram.fake.FakeTdlib;
import dev.passerelle.telegram.fake.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The connector on the fake TDLib, started as the bridge starts it, with helpers to log accounts in. */
final class TelegramBed implements AutoCloseable {

    static final String API_HASH = "0123456789abcdef0123456789abcdef";

    final FakeTelegram telegram;
    final TelegramConnector connector = new TelegramConnector();
    final Path dataDirectory;
    final byte[] secretKey;

    TelegramBed(Path dataDirectory) throws ConnectorException {
        this(dataDirectory, new byte[32], null);
    }

    /** A bed on the world of {@code previous} (a restart): same fake Telegram, new connector. */
    TelegramBed(Path dataDirectory, byte[] secretKey, FakeTelegram world) throws ConnectorException {
        this.dataDirectory = dataDirectory;
        this.secretKey = secretKey;
        this.telegram = world == null ? new FakeTelegram() : world;
        TelegramConnector.useTdJson(config -> new FakeTdlib(telegram));
        try {
            connector.start(new ConnectorContext(config(), dataDirectory, secretKey, new SimpleMeterRegistry()));
        } finally {
            TelegramConnector.useTdJson(null);
        }
    }

    static ObjectNode config() {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("api_id", 12345).put("api_hash", API_HASH);
        return c;
    }

    /** Logs {@code phone} in with the phone flow (code, then the password when asked). */
    NewLogin loginByPhone(String phone, String password) throws LoginException {
        try (LoginProcess login = connector.startLogin("phone", "@alice:example.org")) {
            LoginStep step = login.start();
            step = login.submit(Map.of("phone", phone));
            step = login.submit(Map.of("code", telegram.lastCode(phone).orElseThrow()));
            if (step instanceof LoginStep.UserInput input && input.fields().getFirst().kind() == InputField.Kind.PASSWORD) {
                step = login.submit(Map.of("password", password));
            }
            return ((LoginStep.Complete) step).login();
        }
    }

    TelegramClient connect(NewLogin login, EventRecorder events) throws InterruptedException {
        TelegramClient client = (TelegramClient) connector.loadClient(new StoredLogin(login.loginId(),
                "@alice:example.org", login.remoteName(), Arrays.copyOf(login.secret(), login.secret().length)), events);
        client.connect();
        events.await(dev.passerelle.core.spi.RemoteEvent.LoginStateChanged.class,
                e -> e.state() == dev.passerelle.core.spi.LoginState.CONNECTED);
        return client;
    }

    @Override
    public void close() {
        connector.stop();
    }
}
