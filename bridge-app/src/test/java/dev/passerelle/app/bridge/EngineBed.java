package dev.passerelle.app.bridge;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import dev.passerelle.core.matrix.CreateRoomRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The {@link BridgeBed} with the test network: its world is {@link TestNetwork}, reset when the bed closes. Every
 * engine test runs against both kinds of {@link Homeserver} (acceptance 7 of the engine: a current one and an old
 * one without authenticated media, appservice ping, or the {@code /v1} transaction path).
 */
final class EngineBed extends BridgeBed {

    /** Which fake homeserver the bridge talks to. */
    enum Homeserver {
        /** A current homeserver (Matrix 1.12). */
        CURRENT,
        /** An old one (like Synapse 1.63): see {@code FakeHomeserverOptions.oldHomeserverMode}. */
        OLD
    }

    static final String ALICE_PHONE = "+33600000001";
    static final String BOT = "@testnetbot:example.org";

    EngineBed(Path dir, Homeserver homeserver) {
        super(dir, "testnet", "testnetbot", "testnet_", o -> o.withOldHomeserverMode(homeserver == Homeserver.OLD));
    }

    /**
     * The world most engine tests start from: Alice, Bob (with an avatar) and Carol on the test network, the bridge
     * started, and Alice's Matrix account logged in to her network account.
     */
    static EngineBed withAliceLoggedIn(Path dir, Homeserver homeserver) throws Exception {
        return withAliceLoggedIn(dir, homeserver, bed -> { });
    }

    /** The same world, with {@code configure} applied to the bed before the bridge starts (network config...). */
    static EngineBed withAliceLoggedIn(Path dir, Homeserver homeserver, java.util.function.Consumer<EngineBed> configure)
            throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", ALICE_PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002").withAvatar(PNG));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003"));
        EngineBed bed = new EngineBed(dir, homeserver);
        configure.accept(bed);
        bed.start();
        bed.login(ALICE, ALICE_PHONE);
        return bed;
    }

    /** Logs {@code phone}'s account in with the code flow and hands the login to the engine, as the command will. */
    NewLogin login(String userId, String phone) throws Exception {
        NewLogin login;
        try (LoginProcess process = connector().startLogin("code", userId)) {
            process.start();
            process.submit(Map.of("phone", phone));
            LoginStep done = process.submit(Map.of("code", TestNetwork.lastCodeFor(phone).orElseThrow()));
            login = ((LoginStep.Complete) done).login();
        }
        addLogin(userId, login);
        String loginId = login.loginId();
        until("login " + loginId + " to connect", () -> TestNetwork.login(loginId).isConnected(), () -> "");
        return login;
    }

    /**
     * {@code user} makes a DM room with the network's bot and invites it, as Element does; the bridge takes it as the
     * user's management room. Returns the room.
     */
    String managementRoom(String user) {
        homeserver.registerUser(user);
        String room;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            room = executor.submit(() -> passerelle().services().matrix().bot()
                    .createRoom(CreateRoomRequest.empty().withInvites(List.of(user), true))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        push(homeserver.sendAs(user, room, "m.room.member", Optional.of(user),
                JSON.createObjectNode().put("membership", "join")));
        push(homeserver.sendAs(user, room, "m.room.member", Optional.of(BOT),
                JSON.createObjectNode().put("membership", "invite").put("is_direct", true)));
        // The welcome is sent once the bridge knows the room as the user's management room (it joins first).
        until("the bot's welcome in " + room, () -> !botNotices(room).isEmpty(),
                () -> homeserver.timeline(room).toString());
        return room;
    }

    /** {@code user} types {@code text} in {@code room} (pushed to the bridge); returns the event id. */
    String say(String user, String room, String text) {
        return sendAs(user, room, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", text)).path("event_id").asText();
    }

    /** The bodies of the network bot's notices in {@code room}, oldest first. */
    List<String> botNotices(String room) {
        return homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals(BOT))
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.notice"))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    /** Waits for a notice of the network's bot in {@code room} that contains {@code part}; returns its body. */
    String awaitNotice(String room, String part) {
        until("a notice containing '" + part + "'", () -> botNotices(room).stream().anyMatch(n -> n.contains(part)),
                () -> "notices: " + botNotices(room));
        return botNotices(room).stream().filter(n -> n.contains(part)).reduce((a, b) -> b).orElseThrow();
    }

    @Override
    public void close() {
        super.close();
        TestNetwork.reset();
    }
}
