package dev.passerelle.whatsapp;

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
import dev.passerelle.whatsapp.sidecar.NodeLauncher;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import dev.passerelle.whatsapp.sidecar.SidecarLauncher;
import dev.passerelle.whatsapp.sidecar.SidecarLauncherProvider;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import dev.passerelle.whatsapp.sidecar.SidecarSettings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * WhatsApp, through one supervised Node sidecar running Baileys for every login. Enabled by a
 * {@code networks.whatsapp} section in the config (see {@link WhatsAppConfig}).
 */
public final class WhatsAppConnector implements NetworkConnector {

    static final String ID = "whatsapp";
    static final String GHOST_PREFIX = "whatsapp_";

    private final Optional<Function<WhatsAppConfig, SidecarLauncher>> launcherFactory;
    private WhatsAppServices services;

    /** The connector as {@link java.util.ServiceLoader} builds it: Node runs the sidecar. */
    public WhatsAppConnector() {
        this.launcherFactory = Optional.empty();
    }

    /** A connector whose sidecar comes from {@code launcherFactory} (a scripted sidecar in tests). */
    public WhatsAppConnector(Function<WhatsAppConfig, SidecarLauncher> launcherFactory) {
        this.launcherFactory = Optional.of(launcherFactory);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public NetworkDescription description() {
        return new NetworkDescription("WhatsApp", "whatsappbot", "WhatsApp bridge bot", Optional.empty(),
                GHOST_PREFIX, "whatsapp_", "https://www.whatsapp.com/");
    }

    @Override
    public NetworkCapabilities capabilities() {
        return WhatsAppCapabilities.get();
    }

    @Override
    public void start(ConnectorContext context) throws ConnectorException {
        WhatsAppConfig config = WhatsAppConfig.from(context.config());
        SidecarLauncher launcher;
        if (launcherFactory.isPresent()) {
            launcher = launcherFactory.get().apply(config);
        } else if (!config.launcher().equals("node")) {
            launcher = ServiceLoader.load(SidecarLauncherProvider.class).stream().map(ServiceLoader.Provider::get)
                    .filter(p -> p.name().equals(config.launcher())).findFirst()
                    .orElseThrow(() -> new ConnectorException("networks.whatsapp.sidecar_launcher names '"
                            + config.launcher() + "', which is not installed; remove the key to run the Node sidecar"))
                    .launcher(config.sidecarPath());
        } else {
            NodeLauncher node = new NodeLauncher(config.nodePath(), config.sidecarPath().orElseGet(
                    WhatsAppConnector::defaultSidecarDir), config.logLevel());
            try {
                node.check();
            } catch (SidecarException e) {
                throw new ConnectorException(e.getMessage());
            }
            launcher = node;
        }
        var identities = new IdentityMap(context.store());
        var contacts = new Contacts(context.store(), identities);
        var authState = new AuthState(context.store());
        var router = new SessionRouter(authState, identities, contacts);
        Duration beat = config.heartbeat();
        var settings = new SidecarSettings(beat, beat, SidecarSettings.DEFAULT.requestTimeout(),
                SidecarSettings.DEFAULT.restartBackoff(), SidecarSettings.DEFAULT.maxBackoff());
        var sidecar = new SidecarProcess(launcher, router, settings);
        try {
            sidecar.start();
        } catch (SidecarException e) {
            throw new ConnectorException(e.getMessage(), e);
        }
        services = new WhatsAppServices(sidecar, router, identities, contacts, authState,
                new ChatHistory(context.store()), context.store(), config, context.ghosts());
    }

    /** {@code whatsapp-sidecar} next to the jar this class was loaded from (bridge-app/target in a build). */
    static Path defaultSidecarDir() {
        try {
            Path code = Path.of(WhatsAppConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("whatsapp-sidecar");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("whatsapp-sidecar").toAbsolutePath();
        }
    }

    @Override
    public String exampleConfig() {
        return """
                # The WhatsApp sidecar's directory (Node program + node_modules); null: whatsapp-sidecar next to
                # passerelle.jar, where the build and the image put it.
                sidecar_path: null
                # The Node.js binary (20 or newer) that runs the sidecar. Default: node from the PATH.
                node_path: node
                # How much of Baileys' own logging reaches the bridge log: trace, debug, info, warn or error.
                log_level: warn
                # How long a QR-code or pairing-code login waits for the phone, in seconds.
                login_timeout_seconds: 180
                # How often the sidecar is pinged, in seconds; it is restarted when a ping is not answered as long.
                heartbeat_seconds: 10
                # Which chats of the history your phone sends after linking get a room at once. The others keep
                # their history and get their room, with that history, when their next message arrives.
                history_sync:
                  # At most this many chats, the most recently active first; -1: every chat.
                  max_initial_chats: 20
                  # Only chats with a message in the last this many days; -1: any age.
                  max_age_days: -1
                """;
    }

    @Override
    public List<LoginFlow> loginFlows() {
        return List.of(
                new LoginFlow(WhatsAppLogin.QR, "QR code", "Scan a QR code with WhatsApp on your phone "
                        + "(Settings → Linked devices)."),
                new LoginFlow(WhatsAppLogin.PHONE, "Pairing code", "Give your phone number, then type the "
                        + "8-character code the bot shows on your phone."));
    }

    @Override
    public LoginProcess startLogin(String flowId, String userId) throws LoginException {
        if (!flowId.equals(WhatsAppLogin.QR) && !flowId.equals(WhatsAppLogin.PHONE)) {
            throw new LoginException("PASSERELLE.WHATSAPP.UNKNOWN_FLOW", "WhatsApp has no login flow '" + flowId
                    + "'; use qr or phone.");
        }
        return new WhatsAppLogin(flowId, services());
    }

    @Override
    public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
        return new WhatsAppClient(login, services(), sink);
    }

    /** The sidecar, for tests and the benchmark (kill, restarts). */
    public SidecarProcess sidecar() {
        return services().sidecar();
    }

    private WhatsAppServices services() {
        if (services == null) {
            throw new IllegalStateException("The WhatsApp connector was not started");
        }
        return services;
    }

    @Override
    public void stop() {
        if (services != null) {
            services.sidecar().close();
        }
    }
}
