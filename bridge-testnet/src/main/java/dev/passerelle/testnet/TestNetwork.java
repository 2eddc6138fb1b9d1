package dev.passerelle.testnet;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scripted test network shared by the {@link TestNetworkConnector} and the tests of the same JVM. Thread-safe;
 * call {@link #reset()} between tests. Nothing here blocks.
 *
 * <p>Typical use: {@code addAccount(TestAccount.of("alice", "Alice", "+33600000001"))}, log in through the bridge
 * (scan with {@link #scanQr}, or read the code with {@link #lastCodeFor}), then script with {@link #login}.
 */
public final class TestNetwork {

    private static final Object RESET = new Object();
    private static volatile World world = new World();

    private TestNetwork() {
    }

    /** Forgets every account, chat, message and session; pending logins are cancelled and clients stop. */
    public static void reset() {
        synchronized (RESET) {
            World old = world;
            world = new World();
            old.lock.lock();
            try {
                old.close();
            } finally {
                old.lock.unlock();
            }
        }
    }

    /** Adds or replaces an account. */
    public static TestAccount addAccount(TestAccount account) {
        World w = world;
        return locked(w, () -> {
            w.addAccount(account);
            return account;
        });
    }

    /** Adds or replaces a group or channel (a change is not delivered; use {@link TestLogin#changeChat}). */
    public static TestChat addChat(TestChat chat) {
        World w = world;
        return locked(w, () -> {
            w.putChat(chat);
            return chat;
        });
    }

    /** A group named {@code name} whose first member is its owner and the others plain members. */
    public static TestChat addGroup(String id, String name, String owner, String... members) {
        List<ChatInfo.ChatMember> all = new java.util.ArrayList<>();
        all.add(new ChatInfo.ChatMember(owner, ChatInfo.Role.OWNER));
        for (String m : members) {
            all.add(new ChatInfo.ChatMember(m, ChatInfo.Role.MEMBER));
        }
        return addChat(TestChat.group(id, name, all));
    }

    /**
     * Scans a QR code shown by a {@code qr} login with {@code accountId}'s phone. {@code qrData} is the displayed
     * data ({@code testnet://login/<token>}) or the token alone.
     *
     * @throws IllegalStateException when the code is not the one currently shown (rotated, cancelled, completed)
     */
    public static void scanQr(String qrData, String accountId) {
        World w = world;
        locked(w, () -> {
            String token = qrData.startsWith(QrLogin.URI_PREFIX) ? qrData.substring(QrLogin.URI_PREFIX.length())
                    : qrData;
            TestAccount account = w.requireAccount(accountId);
            boolean taken = w.qrProcess(token).map(p -> p.scan(token, account)).orElse(false);
            if (!taken) {
                throw new IllegalStateException("QR code " + qrData + " is not shown by any login now (it rotated, "
                        + "or the login was cancelled or completed); scan the latest displayed code");
            }
            return null;
        });
    }

    /** The last code the {@code code} flow "sent" to {@code phone}, if any. */
    public static Optional<String> lastCodeFor(String phone) {
        World w = world;
        return locked(w, () -> w.codeFor(phone));
    }

    /** The handle of login {@code loginId} (its account id), to script events and read what was sent. */
    public static TestLogin login(String loginId) {
        World w = world;
        locked(w, () -> w.requireAccount(loginId));
        return new TestLogin(w, loginId);
    }

    /** The history of {@code chatId} as {@code viewer} sees it, oldest first. */
    public static List<RemoteEvent.Message> history(String viewer, String chatId) {
        World w = world;
        return locked(w, () -> {
            try {
                Conversation c = w.resolve(viewer, chatId);
                return w.history(c).stream().map(m -> m.toEvent(c.portalFor(viewer), viewer)).toList();
            } catch (NetworkException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** The plain text of a message's first part, or empty for media and locations; handy in assertions. */
    public static Optional<String> textOf(RemoteEvent.Message message) {
        return message.parts().isEmpty() || !(message.parts().getFirst().content() instanceof MessageContent.Text t)
                ? Optional.empty() : Optional.of(t.text().text());
    }

    /**
     * From now until the next {@link #reset()}, the network does not accept these kinds of messages (its
     * capabilities no longer list them), like a network without polls or GIFs.
     */
    public static void withoutMessageKinds(NetworkCapabilities.MessageKind... kinds) {
        world.withoutMessageKinds(Set.of(kinds));
    }

    /** The current world, captured by connectors and login processes when they are made. */
    static World world() {
        return world;
    }

    private static <T> T locked(World w, java.util.function.Supplier<T> action) {
        w.lock.lock();
        try {
            return action.get();
        } finally {
            w.lock.unlock();
        }
    }
}
