package dev.passerelle.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.BridgeServices;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.KvStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network bots' side of Matrix: accepts a user's invite to a bot (a direct chat becomes their management room
 * for that network), refuses invites from blocked users, and runs bot commands — without a prefix in a management
 * room, with {@code bridge.command_prefix} elsewhere. Events from the bridge's own users (bots, ghosts) are ignored.
 * Called by the intake on virtual threads; a login in progress runs on its own thread and never blocks a room.
 */
public final class ManagementRoomHandler implements InboundEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementRoomHandler.class);

    private final BridgeSettings settings;
    private final MatrixClient matrix;
    private final CommandTarget target;
    private final ManagementRooms rooms;
    private final LoginConversations logins;
    private final CommandRunner runner;

    /** For tests: {@code loginTimeout} replaces {@link LoginConversations#TIMEOUT}. */
    ManagementRoomHandler(BridgeSettings settings, MatrixClient matrix, CommandTarget target, ManagementRooms rooms,
                          Duration loginTimeout) {
        this.settings = settings;
        this.matrix = matrix;
        this.target = target;
        this.rooms = rooms;
        this.logins = new LoginConversations(target, loginTimeout);
        this.runner = new CommandRunner(settings, target, logins);
    }

    /** The handler of the running bridge; register it with the intake. Does not block. */
    public static ManagementRoomHandler create(BridgeServices services, CommandTarget target) {
        ManagementRooms rooms = new ManagementRooms(new KvStore(services.database()),
                new BridgeUserStore(services.database()), Clock.systemUTC());
        return new ManagementRoomHandler(services.config().bridge(), services.matrix(), target, rooms,
                LoginConversations.TIMEOUT);
    }

    /** The engine this handler runs commands against (the provisioning API drives logins through it too). */
    public CommandTarget target() {
        return target;
    }

    /** Management rooms by user and network, e.g. for telling a user about their login's health. */
    public ManagementRooms managementRooms() {
        return rooms;
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.sender().isEmpty() || event.roomId().isEmpty() || isBridgeUser(event.sender())) {
            return;
        }
        if (event.type().equals("m.room.member") && event.stateKey().isPresent()
                && event.json().path("content").path("membership").asText().equals("invite")) {
            botOf(event.stateKey().get()).ifPresent(network -> invited(event, network));
        } else if (event.type().equals("m.room.message")) {
            message(event);
        }
    }

    private void invited(InboundEvent event, NetworkConnector network) {
        BotSender bot = bot(network);
        String user = event.sender();
        if (!settings.levelOf(user).atLeast(PermissionLevel.RELAY)) {
            LOG.info("refusing the invite of {} to {}: the user is blocked", user, bot.userId());
            matrix.intent(bot.userId()).leave(event.roomId());
            return;
        }
        matrix.intent(bot.userId()).join(event.roomId());
        boolean direct = event.json().path("content").path("is_direct").asBoolean(false);
        String name = network.description().displayName();
        var welcome = FormattedText.builder().append("Hello, I am the " + name + " bridge bot: I bridge your "
                + name + " chats into Matrix. ");
        if (direct) {
            rooms.remember(user, network.id(), event.roomId());
            welcome.append("This chat is your " + name + " management room; send commands here without a prefix,"
                    + " for example ").append("login", EntityType.CODE).append(". Use ")
                    .append("help", EntityType.CODE).append(" to see them all.");
        } else {
            welcome.append("In this room, start commands with ")
                    .append(settings.commandPrefix() + " help", EntityType.CODE).append(".");
        }
        bot.notice(event.roomId(), welcome.build(), "welcome-" + event.eventId());
    }

    private void message(InboundEvent event) {
        JsonNode content = event.json().path("content");
        if (!content.path("msgtype").asText().equals("m.text") || content.has("m.relates_to")
                && content.path("m.relates_to").path("rel_type").asText().equals("m.replace")) {
            return;
        }
        String user = event.sender();
        if (settings.levelOf(user) == PermissionLevel.BLOCK) {
            return; // blocked users get no answer at all
        }
        String body = content.path("body").asText();
        Optional<ManagementRooms.Owner> owner = rooms.ownerOf(event.roomId()).filter(o -> o.userId().equals(user));
        boolean management = owner.isPresent();
        Optional<CommandText> command = CommandText.parse(body, settings.commandPrefix(), !management);
        if (!management && command.isEmpty()) {
            return; // chat in a portal; logins run only in management rooms, so it answers no question either
        }
        Optional<NetworkConnector> network = management ? connector(owner.get().network())
                : target.portalNetwork(event.roomId()).flatMap(this::connector)
                        .or(() -> target.networks().size() == 1 ? Optional.of(target.networks().getFirst())
                                : Optional.empty());
        if (network.isEmpty()) {
            return;
        }
        boolean isCancel = command.filter(c -> c.word().equalsIgnoreCase(Command.CANCEL.word())).isPresent();
        if (!isCancel && logins.answer(user, network.get().id(), event.roomId(), body, event.eventId())) {
            return;
        }
        if (command.isPresent()) {
            try {
                runner.run(new CommandRunner.Context(user, event.roomId(), event.eventId(), network.get(),
                        bot(network.get()), management), command.get());
            } catch (MatrixException.Forbidden e) {
                // a prefixed command in a room the bot is not in: nobody to answer, and retrying will not help
                LOG.debug("cannot answer {} in {}: {}", user, event.roomId(), e.errcode());
            }
        }
    }

    private Optional<NetworkConnector> botOf(String userId) {
        return target.networks().stream().filter(n -> botUserId(n).equals(userId)).findFirst();
    }

    private Optional<NetworkConnector> connector(String id) {
        return target.networks().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private boolean isBridgeUser(String userId) {
        if (userId.equals(matrix.botUserId())) {
            return true;
        }
        String domain = ":" + matrix.serverName();
        return userId.endsWith(domain) && target.networks().stream().anyMatch(n -> botUserId(n).equals(userId)
                || userId.startsWith("@" + n.description().ghostPrefix()));
    }

    private String botUserId(NetworkConnector n) {
        return "@" + n.description().botLocalpart() + ":" + matrix.serverName();
    }

    private BotSender bot(NetworkConnector n) {
        return new BotSender(matrix.intent(botUserId(n)));
    }
}
