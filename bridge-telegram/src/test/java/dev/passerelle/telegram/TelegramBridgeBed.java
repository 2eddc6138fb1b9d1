package dev.passerelle.telegram;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.telegram.fake.FakeTdlib;
import dev.passerelle.telegram.fake.FakeTelegram;
import dev.passerelle.testbed.BridgeBed;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.passerelle.core.matrix.CreateRoomRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.Map;

/** The real bridge with the Telegram connector on the fake TDLib, against the fake homeserver. */
final class TelegramBridgeBed extends BridgeBed {

    final FakeTelegram telegram = new FakeTelegram();

    TelegramBridgeBed(Path dir) {
        super(dir, "telegram", "telegrambot", "telegram_");
        networkConfig().put("api_id", 12345).put("api_hash", TelegramBed.API_HASH);
        // every (re)start of the bridge gets a fake TDLib on the same Telegram, as a restarted process gets TDLib
        TelegramConnector.useTdJson(config -> new FakeTdlib(telegram));
    }

    /** Logs {@code phone} in with the phone flow and hands the login to the engine, as the command does. */
    NewLogin login(String userId, String phone, long account) throws Exception {
        NewLogin login;
        try (LoginProcess process = connector().startLogin("phone", userId)) {
            process.start();
            process.submit(Map.of("phone", phone));
            LoginStep done = process.submit(Map.of("code", telegram.lastCode(phone).orElseThrow()));
            login = ((LoginStep.Complete) done).login();
        }
        addLogin(userId, login);
        until("login " + login.loginId() + " to connect", () -> telegram.isConnected(account), () -> "");
        return login;
    }

    /** {@code userId} opens a DM with the bridge bot, as in Element: their management room. */
    String managementRoom(String userId) {
        homeserver.registerUser(userId);
        String bot = "@telegrambot:" + DOMAIN;
        String room = onVirtualThread(() -> passerelle().services().matrix().bot()
                .createRoom(CreateRoomRequest.empty().withInvites(List.of(userId), true)));
        push(homeserver.sendAs(userId, room, "m.room.member", Optional.of(userId),
                JsonNodeFactory.instance.objectNode().put("membership", "join")));
        push(homeserver.sendAs(userId, room, "m.room.member", Optional.of(bot),
                JsonNodeFactory.instance.objectNode().put("membership", "invite").put("is_direct", true)));
        until("the bot to join", () -> homeserver.members(room, "join").contains(bot), () -> "");
        return room;
    }

    /** The bodies of the bot's notices in {@code room}, oldest first. */
    List<String> botNotices(String room) {
        return homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals("@telegrambot:" + DOMAIN))
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.notice"))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    private static <T> T onVirtualThread(Callable<T> call) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(call).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String ghost(long userId) {
        return "@telegram_" + userId + ":" + DOMAIN;
    }

    @Override
    public void close() {
        super.close();
        TelegramConnector.useTdJson(null);
    }
}
