package dev.passerelle.telegram;

import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.MemoryConnectorStore;
import dev.passerelle.core.spi.GhostUserIds;
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
import dev.passerelle.telegram.td.TdReceiveLoop;
import dev.passerelle.telegram.tdjson.NativeTdJson;
import dev.passerelle.telegram.tdjson.TdJson;
import dev.passerelle.telegram.tdjson.TdjsonLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram connector ({@code telegram}), found by {@link java.util.ServiceLoader}; it starts when the config
 * has a {@code networks.telegram} section. One {@link TdReceiveLoop} on the loaded libtdjson serves every login.
 */
public final class TelegramConnector implements NetworkConnector {

    public static final String ID = "telegram";

    private static final Logger LOG = LoggerFactory.getLogger(TelegramConnector.class);

    /**
     * What gives the connector its TDLib: the real libtdjson by default. Tests put a fake TDLib here (the JSON
     * boundary), before the bridge starts.
     */
    private static volatile Function<TelegramConfig, TdJson> tdJsonSource = null;

    /** The localpart prefix of the ghosts and portal aliases. */
    static final String GHOST_PREFIX = "telegram_";

    private TelegramConfig config;
    private TdReceiveLoop loop;
    private Path dataDirectory;
    private byte[] secretKey;
    private GhostUserIds ghosts = GhostUserIds.NONE;
    private ConnectorStore store = new MemoryConnectorStore();
    /** The last client loaded for each login id, to retire the one a new login of the same account replaces. */
    private final Map<String, TelegramClient> loaded = new ConcurrentHashMap<>();

    /** Test hook: the TDLib the connectors started after this call use; {@code null} for the real one. */
    public static void useTdJson(Function<TelegramConfig, TdJson> source) {
        tdJsonSource = source;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public NetworkDescription description() {
        return new NetworkDescription("Telegram", "telegrambot", "Telegram bridge bot", Optional.empty(),
                GHOST_PREFIX, GHOST_PREFIX, "https://telegram.org");
    }

    @Override
    public NetworkCapabilities capabilities() {
        // 2 GB files for user accounts; messages may be edited for 48 h in groups; 1 reaction without Premium
        return new NetworkCapabilities(EnumSet.allOf(NetworkCapabilities.MessageKind.class), true,
                2000L * 1024 * 1024, true, Optional.of(Duration.ofHours(48)), true, Optional.empty(), true, 1);
    }

    @Override
    public void start(ConnectorContext context) throws ConnectorException {
        config = TelegramConfig.from(context.config());
        dataDirectory = context.dataDirectory();
        secretKey = context.secretKey().clone();
        ghosts = context.ghosts();
        store = context.store();
        Function<TelegramConfig, TdJson> source = tdJsonSource;
        TdJson td;
        if (source != null) {
            td = source.apply(config);
        } else {
            try {
                Path library = TdjsonLibrary.locate(config.tdjsonPath(), dataDirectory);
                td = NativeTdJson.load(library, config.logVerbosity());
            } catch (IOException | IllegalArgumentException e) {
                throw new ConnectorException("Telegram: " + e.getMessage(), e);
            }
        }
        loop = new TdReceiveLoop(td);
    }

    @Override
    public String exampleConfig() {
        return """
                # Required. The application id of your Telegram application: create one at https://my.telegram.org
                # (API development tools).
                api_id: 0
                # Required. The application's hash, 32 hexadecimal digits, from the same page.
                api_hash: ""
                # Another libtdjson to load instead of the TDLib inside the jar (another system, or a TDLight build).
                # Default: none, the bundled TDLib 1.8.65 for Linux x86-64.
                tdjson_path: null
                # How much of TDLib's own log reaches the bridge log: 0 fatal, 1 errors, 2 warnings, 3 info, 4 debug,
                # 5 verbose. Default: 2.
                log_verbosity: 2
                # How the bridge's sessions are named in Telegram's list of devices. Default: Passerelle.
                device_model: Passerelle
                """;
    }

    /** The config read at {@link #start}. */
    public TelegramConfig config() {
        return config;
    }

    @Override
    public List<LoginFlow> loginFlows() {
        return List.of(
                new LoginFlow("qr", "QR code", "Scan a QR code with Telegram on your phone (Settings → Devices)."),
                new LoginFlow("phone", "Phone number", "Enter your phone number, then the code Telegram sends you"
                        + " and your two-step verification password if you have one."),
                new LoginFlow("bot", "Bot token", "Log in as a Telegram bot with the token from @BotFather, for"
                        + " example to relay messages of Matrix users without an account."));
    }

    @Override
    public LoginProcess startLogin(String flowId, String userId) throws LoginException {
        TelegramLogin.Flow flow = switch (flowId) {
            case "qr" -> TelegramLogin.Flow.QR;
            case "phone" -> TelegramLogin.Flow.PHONE;
            case "bot" -> TelegramLogin.Flow.BOT;
            default -> throw new LoginException("PASSERELLE.TELEGRAM.UNKNOWN_FLOW",
                    "Telegram has no login flow '" + flowId + "'; use one of: qr, phone, bot.");
        };
        return new TelegramLogin(flow, loop, config, dataDirectory, secretKey);
    }

    @Override
    public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
        TdDatabase database = TdDatabase.of(dataDirectory, secretKey,
                new String(login.secret(), StandardCharsets.UTF_8));
        TelegramClient client = new TelegramClient(loop, config, database, login.loginId(), sink, ghosts, store);
        TelegramClient before = loaded.put(login.loginId(), client);
        if (before != null && !before.databaseId().equals(database.id())) {
            retire(before);
        }
        return client;
    }

    /**
     * A new login of the same account replaced {@code old}, whose database nothing will open again: its session is
     * ended on Telegram (no orphan device left in the account's list) and its directory deleted. In the background,
     * so that the new login connects at once.
     */
    private static void retire(TelegramClient old) {
        LOG.info("Telegram login {}: a new login of the same account replaces it; its previous session is logged"
                + " out and its TDLib database deleted", old.loginId());
        Thread.ofVirtual().name("telegram-retire-" + old.databaseId().substring(0, 8)).start(() -> {
            old.disconnect(); // the engine did already; closes TDLib if it did not
            old.logout();
        });
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.close();
        }
    }
}
