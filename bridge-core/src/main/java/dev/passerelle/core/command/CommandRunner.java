package dev.passerelle.core.command;

import dev.passerelle.core.command.LoginConversation.LoginStart;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.FormattedTextBuilder;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.NetworkConnector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command for one user and answers in the room it came from. The permission check for every command is
 * here, in {@link #run}. Blocks (Matrix calls, the engine); call from a virtual thread.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final BridgeSettings settings;
    private final CommandTarget target;
    private final LoginConversations logins;

    CommandRunner(BridgeSettings settings, CommandTarget target, LoginConversations logins) {
        this.settings = settings;
        this.target = target;
        this.logins = logins;
    }

    /**
     * Where a command was typed and who answers it.
     *
     * @param managementRoom whether {@code roomId} is the sender's management room for this network
     */
    record Context(String userId, String roomId, String eventId, NetworkConnector network, BotSender bot,
                   boolean managementRoom) {
        String networkName() {
            return network.description().displayName();
        }
    }

    void run(Context ctx, CommandText text) {
        Replies out = new Replies(ctx);
        Optional<Command> command = Command.byWord(text.word());
        if (command.isEmpty()) {
            out.say(FormattedText.builder().append("Unknown command, use ").append("help", EntityType.CODE)
                    .append(".").build());
            return;
        }
        PermissionLevel level = settings.levelOf(ctx.userId());
        if (!level.atLeast(command.get().level())) {
            out.say(FormattedText.builder().append(command.get().word(), EntityType.CODE)
                    .append(" needs the permission level ").append(name(command.get().level()), EntityType.BOLD)
                    .append(" or higher; you have ").append(name(level))
                    .append(". The bridge admin can grant it in the bridge's permissions.").build());
            return;
        }
        try {
            switch (command.get()) {
                case HELP -> help(out, level);
                case LOGIN -> login(ctx, out, text.firstArgument());
                case CANCEL -> out.say(FormattedText.plain(logins.cancel(ctx.userId(), ctx.network().id())
                        ? "Cancelling the login…" : "There is no login in progress to cancel."));
                case LOGOUT -> logout(ctx, out, text.firstArgument());
                case LIST_LOGINS -> listLogins(ctx, out, false);
                case START_CHAT -> startChat(ctx, out, text.arguments());
                case SET_RELAY -> out.say(FormattedText.plain(target.setRelay(ctx.roomId(), ctx.userId())));
                case UNSET_RELAY -> out.say(FormattedText.plain(target.unsetRelay(ctx.roomId(), ctx.userId(),
                        level.atLeast(PermissionLevel.ADMIN))));
                case DELETE_PORTAL -> target.deletePortal(ctx.roomId(), ctx.userId(),
                        level.atLeast(PermissionLevel.ADMIN), said -> out.say(FormattedText.plain(said)));
                case SYNC -> {
                    out.say(FormattedText.plain("Refreshing your " + ctx.networkName() + " chats…"));
                    out.say(FormattedText.plain(target.sync(ctx.network().id(), ctx.userId())));
                }
                case PING -> listLogins(ctx, out, true);
                case VERSION -> out.say(FormattedText.plain("Passerelle " + target.version() + ", bridging "
                        + ctx.networkName() + "."));
            }
        } catch (Exception e) {
            LOG.warn("command {} of {} failed", command.get().word(), ctx.userId(), e);
            out.say(FormattedText.plain(command.get().word() + " failed: " + e.getMessage()));
        }
    }

    private static void help(Replies out, PermissionLevel level) {
        FormattedTextBuilder b = FormattedText.builder().append("Commands you may use (in a portal, start them with"
                + " the command prefix):");
        for (Command c : Command.values()) {
            if (level.atLeast(c.level())) {
                b.append("\n• ").append(c.usage(), EntityType.CODE).append(" — " + c.summary());
            }
        }
        out.say(b.build());
    }

    private void login(Context ctx, Replies out, Optional<String> flowArg) throws LoginException {
        if (!ctx.managementRoom()) {
            out.say(FormattedText.plain("Log in from your direct chat with me, not here: your answers (codes,"
                    + " passwords) would be seen by everyone in this room."));
            return;
        }
        List<LoginFlow> flows = ctx.network().loginFlows();
        Optional<LoginFlow> flow = flowArg.isEmpty() ? flows.stream().findFirst()
                : flows.stream().filter(f -> f.id().equalsIgnoreCase(flowArg.get())).findFirst();
        if (flow.isEmpty()) {
            FormattedTextBuilder b = FormattedText.builder().append("There is no login flow "
                    + flowArg.orElse("") + ". Use one of:");
            flows.forEach(f -> b.append("\n• ").append("login " + f.id(), EntityType.CODE)
                    .append(" — " + f.name() + ": " + f.description()));
            out.say(b.build());
            return;
        }
        if (logins.inProgress(ctx.userId(), ctx.network().id())) {
            out.say(FormattedText.plain("A login is already in progress: finish it, or use cancel first."));
            return;
        }
        LoginProcess process = ctx.network().startLogin(flow.get().id(), ctx.userId());
        LoginStart start = new LoginStart(ctx.userId(), ctx.network().id(), ctx.networkName(), ctx.roomId());
        if (!logins.start(start, process, ctx.bot())) {
            out.say(FormattedText.plain("A login is already in progress: finish it, or use cancel first."));
        }
    }

    private void logout(Context ctx, Replies out, Optional<String> loginArg) throws Exception {
        List<LoginSummary> mine = target.logins(ctx.network().id(), ctx.userId());
        Optional<LoginSummary> chosen = loginArg.isPresent()
                ? mine.stream().filter(l -> l.loginId().equals(loginArg.get())).findFirst()
                : mine.size() == 1 ? Optional.of(mine.getFirst()) : Optional.empty();
        if (chosen.isEmpty()) {
            if (mine.isEmpty()) {
                out.say(FormattedText.plain("You are not logged in to " + ctx.networkName() + "."));
            } else {
                FormattedTextBuilder b = FormattedText.builder().append(loginArg.isPresent()
                        ? "You have no login " + loginArg.get() + ". Your logins:"
                        : "You have several logins; say which one with logout <login id>:");
                mine.forEach(l -> b.append("\n• ").append(l.loginId(), EntityType.CODE).append(" " + l.remoteName()));
                out.say(b.build());
            }
            return;
        }
        target.logout(ctx.network().id(), chosen.get().loginId());
        out.say(FormattedText.builder().append("Logged out of ").append(chosen.get().remoteName(), EntityType.BOLD)
                .append(".").build());
    }

    private void startChat(Context ctx, Replies out, List<String> args) {
        List<LoginSummary> mine = target.logins(ctx.network().id(), ctx.userId());
        if (mine.isEmpty()) {
            out.say(FormattedText.builder().append("You are not logged in to " + ctx.networkName() + ". Use ")
                    .append("login", EntityType.CODE).append(" first.").build());
            return;
        }
        // "start-chat [login id] <identifier>": a first word that is none of the user's login ids starts the
        // identifier when the whole is a phone number typed with spaces ("+33 6 99 99 99 99").
        Optional<LoginSummary> named = args.size() >= 2
                ? mine.stream().filter(l -> l.loginId().equals(args.getFirst())).findFirst()
                : Optional.empty();
        boolean wholeIsIdentifier = named.isEmpty()
                && (args.size() == 1 || TypedIdentifier.phoneNumber(String.join(" ", args)).isPresent());
        Optional<LoginSummary> login = wholeIsIdentifier ? Optional.of(mine.getFirst()) : named;
        if (args.isEmpty() || login.isEmpty()) {
            FormattedTextBuilder b = FormattedText.builder().append("Usage: ")
                    .append(Command.START_CHAT.usage(), EntityType.CODE);
            if (args.size() >= 2) {
                b.append(". You have no login " + args.getFirst() + "; yours:");
                mine.forEach(l -> b.append("\n• ").append(l.loginId(), EntityType.CODE).append(" " + l.remoteName()));
            } else {
                b.append(", e.g. ").append("start-chat +33612345678", EntityType.CODE).append(".");
            }
            out.say(b.build());
            return;
        }
        String identifier = String.join(" ", wholeIsIdentifier ? args : args.subList(1, args.size()));
        try {
            DirectChat chat = target.directChat(ctx.network().id(), login.get().loginId(), identifier, true);
            String roomId = chat.roomId().orElseThrow();
            out.say(FormattedText.builder().append(chat.created() ? "Started a chat with " : "You already have a chat"
                    + " with ").append(chat.displayName(), EntityType.BOLD).append(": ")
                    .append(roomId, new EntityType.Link("https://matrix.to/#/" + roomId))
                    .append(chat.created() ? " (you are invited)." : " (invited again, in case you left it).")
                    .build());
        } catch (DirectChatException e) {
            out.say(FormattedText.plain(e.getMessage()));
        }
    }

    private void listLogins(Context ctx, Replies out, boolean ping) {
        List<LoginSummary> mine = target.logins(ctx.network().id(), ctx.userId());
        if (mine.isEmpty()) {
            out.say(FormattedText.builder().append("You are not logged in to " + ctx.networkName() + ". Use ")
                    .append("login", EntityType.CODE).append(" to log in.").build());
            return;
        }
        FormattedTextBuilder b = FormattedText.builder().append(ping ? "Your " + ctx.networkName() + " logins:"
                : "Your " + ctx.networkName() + " logins (id, name, state):");
        for (LoginSummary l : mine) {
            b.append("\n• ").append(l.loginId(), EntityType.CODE).append(" ").append(l.remoteName(), EntityType.BOLD)
                    .append(" — " + l.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        out.say(b.build());
    }

    private static String name(PermissionLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    /** Replies to one command, with transaction ids derived from its event id so a replay sends nothing twice. */
    private static final class Replies {
        private final Context ctx;
        private int count;

        Replies(Context ctx) {
            this.ctx = ctx;
        }

        void say(FormattedText text) {
            ctx.bot().notice(ctx.roomId(), text, "cmd-" + ctx.eventId() + "-" + (count++));
        }
    }
}
