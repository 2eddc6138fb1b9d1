package dev.passerelle.core.bridge;

import dev.passerelle.core.command.ManagementRoomHandler;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.spi.LoginState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.BridgeServices;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.ConnectorStateStore;
import dev.passerelle.core.store.GhostStore;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalMoveStore;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.ReactionStore;
import dev.passerelle.core.store.SecretBox;
import dev.passerelle.core.store.UserLoginStore;
import dev.passerelle.core.store.UserPortalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge engine: the enabled networks, their logged-in clients, and the ordered queues that carry what
 * happens on the networks into portal rooms. With no network enabled it does nothing. Built by
 * {@link dev.passerelle.core.Passerelle#start}; closed with it.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Map<String, Network> networks;
    private final PortalQueues queues;
    private final Optional<Logins> logins;
    private final Optional<BotProfiles> botProfiles;
    private final Optional<ManagementRoomHandler> commands;
    private final List<InboundEventHandler> matrixHandlers;
    private boolean closed;

    private Bridge(Map<String, Network> networks, PortalQueues queues, Optional<Logins> logins,
                   Optional<BotProfiles> botProfiles, Optional<ManagementRoomHandler> commands,
                   List<InboundEventHandler> matrixHandlers) {
        this.networks = networks;
        this.queues = queues;
        this.logins = logins;
        this.botProfiles = botProfiles;
        this.commands = commands;
        this.matrixHandlers = matrixHandlers;
    }

    /** The late-bound parts of the sink's routing. */
    private static final class Wiring {
        volatile Logins logins;
        volatile LoginNotices notices;
    }

    /**
     * Starts every connector with a section under {@code networks:}, registers their bots (in the background, once
     * the homeserver answers), then loads and connects the stored logins. Blocks while connectors start.
     *
     * @param baseDir the config file's directory; connector data goes to {@code <baseDir>/data/<id>}
     * @throws IllegalStateException when a configured network has no connector or a connector cannot start; the
     *                               message says what to fix
     */
    public static Bridge start(BridgeServices services, Path baseDir) {
        PasserelleConfig config = services.config();
        List<NetworkConnector> enabled = Networks.enabled(config);
        if (enabled.isEmpty()) {
            return new Bridge(Map.of(), new PortalQueues(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of());
        }
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Network> networks = new LinkedHashMap<>();
        Bridge bridge = null;
        try {
            for (NetworkConnector connector : enabled) {
                startConnector(connector, config, baseDir, services, mapper);
                networks.put(connector.id(), Network.of(connector, config.homeserver().domain()));
                LOG.info("Network {} ({}) started", connector.id(), connector.description().displayName());
            }
            Clock clock = Clock.systemUTC();
            var db = services.database();
            var ghosts = new Ghosts(services.matrix(), new GhostStore(db), clock);
            var portals = new PortalStore(db);
            var messages = new MessageStore(db);
            var media = MediaTransfers.inDataDirectory(services.matrix(), baseDir.resolve("data"), networks);
            var rooms = new PortalRooms(services.matrix(), mapper, portals, new UserPortalStore(db), ghosts, clock);
            var puppets = new DoublePuppets(services.matrix(), config.doublePuppet());
            var infoSync = new PortalInfoSync(services.matrix(), mapper, portals, rooms, ghosts);
            var loginStore = new UserLoginStore(db, SecretBox.fromSettings(config.bridge()));
            var spaces = new PersonalSpaces(services.matrix(), mapper, loginStore, new UserPortalStore(db), portals,
                    clock);
            var cleanup = new PortalCleanup(services.matrix(), mapper, portals, new UserPortalStore(db), rooms,
                    spaces);
            var moves = new PortalMoves(services.matrix(), mapper, new PortalMoveStore(db), portals, rooms, clock);
            moves.load();
            var handler = new PortalEventHandler(services.matrix(), messages, ghosts, rooms, infoSync,
                    new RemoteMessages(services.matrix(), mapper, messages, media),
                    new RemoteReactions(services.matrix(), mapper, messages, new ReactionStore(db)), puppets, cleanup,
                    new RemotePolls(services.matrix(), mapper, messages), moves);
            PortalQueues queues = new PortalQueues();
            var history = new PortalHistory(key -> messages.lastInPortal(key).map(r ->
                    new NetworkClient.HistoryPoint(r.key().messageId(), r.sentAt())), PortalHistory.PAGE_SIZE,
                    PortalHistory.CATCH_UP_CAP, config.bridge().backfill().limit());
            CatchUp catchUp = new CatchUp(queues, portals, history, handler::handle);
            rooms.onCreated((login, portal) -> {
                spaces.add(login, portal);
                catchUp.created(login, portal);
            });
            rooms.onMemberAdded(spaces::add);
            // The sink routes to the logins and notices, which are built after it: filled in just below.
            Wiring wiring = new Wiring();
            LoginSink.Route route = (login, event, handled) -> route(queues, handler, ghosts, catchUp, moves, wiring,
                    login, event, handled);
            LoginGauges.register(services.meterRegistry(), networks.keySet(), loginStore);
            Logins logins = new Logins(loginStore,
                    new BridgeUserStore(db), route, clock);
            ManagementRoomHandler commands = ManagementRoomHandler.create(services,
                    new BridgeCommands(networks, logins, portals, spaces,
                            new SenderLogins(logins, new UserPortalStore(db)),
                            new DirectChats(services.matrix(), rooms, queues),
                            new PortalCommands(networks, logins, portals, new UserPortalStore(db), queues, rooms,
                                    infoSync, cleanup, spaces)));
            wiring.logins = logins;
            wiring.notices = new LoginNotices(services.matrix(), commands.managementRooms());
            BotProfiles bots = new BotProfiles(services.matrix(), List.copyOf(networks.values()));
            var portalEvents = MatrixPortalHandler.create(services, mapper, networks, logins, queues,
                    media, puppets, rooms);
            bridge = new Bridge(networks, queues, Optional.of(logins), Optional.of(bots), Optional.of(commands),
                    List.of(commands, portalEvents));
            bots.start();
            for (Network network : networks.values()) {
                logins.loadStored(network);
            }
            return bridge;
        } catch (RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            } else {
                networks.values().forEach(n -> stopQuietly(n.connector()));
            }
            throw e;
        }
    }

    private static void startConnector(NetworkConnector connector, PasserelleConfig config, Path baseDir,
                                       BridgeServices services, ObjectMapper mapper) {
        String id = connector.id();
        JsonNode section = config.networks().get(id);
        if (section == null || section.isNull() || section.isMissingNode()) {
            section = mapper.createObjectNode();
        }
        Path dataDir = baseDir.resolve("data").resolve(id).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dataDir + " for network " + id
                    + "; check that the config directory is writable", e);
        }
        byte[] key = ConnectorKeys.forConnector(config.bridge().secretKey(), id);
        try {
            var state = new ConnectorStateStore(services.database(), SecretBox.fromSettings(config.bridge()),
                    Clock.systemUTC());
            connector.start(new ConnectorContext(section, dataDir, key, services.meterRegistry(),
                    new NetworkStateStore(id, state), Network.of(connector, config.homeserver().domain()).ghostIds()));
        } catch (ConnectorException e) {
            throw new IllegalStateException("Network " + id + " could not start: " + e.getMessage(), e);
        }
    }

    // On the sink's thread: only queueing here, never Matrix or the store.
    private static void route(PortalQueues queues, PortalEventHandler handler, Ghosts ghosts, CatchUp catchUp,
                              PortalMoves moves, Wiring wiring, ActiveLogin login, RemoteEvent event,
                              Runnable handled) {
        switch (event) {
            case RemoteEvent.PortalMoved mv -> MovedRouting.route(queues, catchUp, handler, moves, login, mv, handled);
            case RemoteEvent.PortalEvent p -> {
                // A moved chat's events go to the queue of the portal it moved to.
                var key = moves.current(PortalEventHandler.keyOf(login.network(), p));
                catchUp.submit(login, key, () -> {
                    boolean done = true;
                    try {
                        done = handler.handle(login, p);
                    } finally {
                        // Not when the bridge stopped first: a stored webhook delivery must stay to be handed again.
                        if (done) {
                            handled.run();
                        }
                    }
                });
            }
            case RemoteEvent.UserInfoChanged u -> queues.submit("ghost " + login.network().id() + "/"
                    + u.remoteUserId(), () -> {
                        try {
                            ghosts.update(login.network(), u.remoteUserId(), u.info());
                        } catch (RuntimeException e) {
                            LOG.error("Could not update the ghost of {} on {}: {}", u.remoteUserId(),
                                    login.network().id(), e.toString(), e);
                        } finally {
                            handled.run();
                        }
                    });
            case RemoteEvent.Presence pr -> queues.submit("ghost " + login.network().id() + "/"
                    + pr.remoteUserId(), () -> {
                        try {
                            ghosts.presence(login.network(), pr.remoteUserId(), pr.online());
                        } catch (RuntimeException e) {
                            LOG.warn("Could not set the presence of {} on {}: {}", pr.remoteUserId(),
                                    login.network().id(), e.toString());
                        } finally {
                            handled.run();
                        }
                    });
            case RemoteEvent.UserNotice n -> queues.submit("login " + login.key(), () -> {
                try {
                    wiring.notices.userNotice(login, n);
                } finally {
                    handled.run();
                }
            });
            case RemoteEvent.LoginStateChanged s -> {
                catchUp.connecting(login, s.state());
                queues.submit("login " + login.key(), () -> {
                    try {
                        Optional<LoginState> before = wiring.logins.stateChanged(login, s.state());
                        LOG.info("Login {} is now {}: {}", login.key(), s.state(), s.message());
                        if (before.isPresent() && before.get() != s.state()) {
                            wiring.notices.changed(login, s, LoginNotices.isFailure(before.get()));
                        }
                    } catch (RuntimeException e) {
                        LOG.error("Could not record the state of login {}: {}", login.key(), e.toString(), e);
                    } finally {
                        if (s.state() == LoginState.CONNECTED) {
                            catchUp.connected(login);
                        }
                        handled.run();
                    }
                });
            }
        }
    }

    /**
     * What the engine does with events from Matrix (bot commands in management rooms, messages in portals), for the
     * intake to hand them to; empty when no network is enabled.
     */
    public List<InboundEventHandler> matrixHandlers() {
        return matrixHandlers;
    }

    /** The bots' commands and management rooms (what the provisioning API shares); empty when no network runs. */
    public Optional<ManagementRoomHandler> commands() {
        return commands;
    }

    /** Whether any network is enabled. */
    public boolean isActive() {
        return !networks.isEmpty();
    }

    /** The enabled networks by id, in config order; empty when none. */
    public Map<String, Network> networks() {
        return networks;
    }

    /**
     * Adds a completed login at runtime (what the login command and the provisioning API call): stores it with its
     * secret sealed, then loads and connects its client. Blocks on the store.
     *
     * @throws IllegalArgumentException when {@code network} is not enabled
     */
    public ActiveLogin addLogin(String network, String userId, NewLogin login) {
        Network n = networks.get(network);
        if (n == null || logins.isEmpty()) {
            throw new IllegalArgumentException("Network " + network + " is not enabled (enabled: "
                    + (networks.isEmpty() ? "none" : String.join(", ", networks.keySet())) + ")");
        }
        return logins.get().add(n, userId, login);
    }

    /** The loaded client of a login; empty when the login is not loaded. */
    public Optional<NetworkClient> client(String network, String loginId) {
        return logins.flatMap(l -> l.get(new LoginKey(network, loginId))).map(ActiveLogin::client);
    }

    /** Disconnects every client, stops the connectors and the queues. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        botProfiles.ifPresent(BotProfiles::close);
        logins.ifPresent(Logins::disconnectAll);
        queues.stop(SHUTDOWN_GRACE);
        networks.values().forEach(n -> stopQuietly(n.connector()));
    }

    private static void stopQuietly(NetworkConnector connector) {
        try {
            connector.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping network {} failed: {}", connector.id(), e.toString());
        }
    }
}
