package dev.passerelle.core.provisioning;

import dev.passerelle.core.bridge.Network;
import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.ManagementRooms;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.config.ProvisioningConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning API under {@code provisioning.prefix}, with the paths and JSON of the mautrix bridges' v3 API:
 * {@code GET /v3/whoami}, {@code GET /v3/login/flows}, {@code POST /v3/login/start/{flow}},
 * {@code POST /v3/login/step/{process}/{step}/{user_input|cookies|display_and_wait}},
 * {@code DELETE|POST /v3/login/{process}}, {@code GET /v3/logins}, {@code POST /v3/logout/{login|all}},
 * {@code GET /v3/resolve_identifier/{id}}, {@code POST /v3/create_dm/{id}}. Every call carries the shared secret
 * and {@code ?user_id=}; {@code whoami} needs the level {@code relay}, the rest {@code user}. Logins go through the
 * same {@link CommandTarget} as the bot's {@code login} command.
 */
public final class ProvisioningApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningApi.class);

    private final ProvisioningConfig config;
    private final ProvisioningAuth auth;
    private final ProvisioningRoutes routes;
    private final DirectChatRoutes dms;
    private final ProvisioningLogins logins;
    private final Duration idle;
    private volatile Thread sweeper;

    ProvisioningApi(ProvisioningConfig config, BridgeSettings settings, ProvisioningScope scope, CommandTarget target,
                    ManagementRooms rooms, Clock clock, Duration idle, Duration wait) {
        this.config = config;
        this.auth = new ProvisioningAuth(config.sharedSecret(), settings);
        this.logins = new ProvisioningLogins(target, clock, idle, wait);
        this.routes = new ProvisioningRoutes(scope, target, rooms, logins);
        this.dms = new DirectChatRoutes(scope, target);
        this.idle = idle;
    }

    /**
     * The API of a running bridge. Does not block.
     *
     * @param networks the engine's enabled networks, in config order
     * @param target   the engine, as the bot commands see it
     * @param rooms    the users' management rooms (shown by {@code whoami})
     */
    public static ProvisioningApi create(ProvisioningConfig config, BridgeSettings settings, String homeserverDomain,
                                         Map<String, Network> networks, CommandTarget target, ManagementRooms rooms) {
        return new ProvisioningApi(config, settings, new ProvisioningScope(networks, homeserverDomain,
                settings.commandPrefix()), target, rooms, Clock.systemUTC(), ProvisioningLogins.IDLE,
                ProvisioningLogins.WAIT);
    }

    /** Adds the endpoints to {@code router} and starts cancelling idle logins. Call once. */
    public void mount(Router router) {
        String v3 = config.prefix() + "/v3";
        Handler<RoutingContext> relay = ProvisioningAuth.requires(PermissionLevel.RELAY);
        Handler<RoutingContext> user = ProvisioningAuth.requires(PermissionLevel.USER);
        router.route(v3 + "/*").handler(ProvisioningRoutes::readBody);
        router.get(v3 + "/whoami").handler(auth).handler(relay).handler(routes::whoami);
        router.get(v3 + "/login/flows").handler(auth).handler(user).handler(routes::flows);
        router.post(v3 + "/login/start/:flowId").handler(auth).handler(user).handler(routes::start);
        router.post(v3 + "/login/step/:processId/:stepId/:type").handler(auth).handler(user).handler(routes::step);
        router.delete(v3 + "/login/:processId").handler(auth).handler(user).handler(routes::cancel);
        router.post(v3 + "/login/:processId").handler(auth).handler(user).handler(routes::cancel);
        router.get(v3 + "/logins").handler(auth).handler(user).handler(routes::listLogins);
        router.post(v3 + "/logout/:loginId").handler(auth).handler(user).handler(routes::logout);
        router.get(v3 + "/resolve_identifier/:identifier").handler(auth).handler(user).handler(dms::resolve);
        router.post(v3 + "/create_dm/:identifier").handler(auth).handler(user).handler(dms::createDm);
        startSweeper();
        LOG.info("Provisioning API served under {}", config.prefix());
    }

    private void startSweeper() {
        long every = Math.max(1_000, Math.min(idle.toMillis() / 10, 30_000));
        sweeper = Thread.ofVirtual().name("provisioning-expiry").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                logins.expire();
            }
        });
    }

    /** Cancels the logins in progress. */
    @Override
    public void close() {
        Thread s = sweeper;
        if (s != null) {
            s.interrupt();
        }
        logins.close();
    }
}
