package dev.passerelle.telegram;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.telegram.fake.FakeTdlib;
import dev.passerelle.telegram.fake.FakeTelegram;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Path;
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

    static String ghost(long userId) {
        return "@telegram_" + userId + ":" + DOMAIN;
    }

    @Override
    public void close() {
        super.close();
        TelegramConnector.useTdJson(null);
    }
}
