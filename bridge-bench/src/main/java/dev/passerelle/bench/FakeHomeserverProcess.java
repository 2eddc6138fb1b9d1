package dev.passerelle.bench;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.vertx.core.Vertx;

/**
 * The fake homeserver alone, in a process of its own, so that its rooms and logs do not count in the memory of the
 * bridge being measured. Arguments: as_token, hs_token, the bridge's URL. Prints {@code listening <url>} once
 * ready and runs until its standard input closes (when the parent ends).
 */
final class FakeHomeserverProcess {

    private FakeHomeserverProcess() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeHomeserver hs = FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults()
                .withTokens(args[0], args[1]).withServerName(EngineRig.DOMAIN)
                .withAppservice("passerelle", "bridgebot", EngineRig.USER_NAMESPACE)
                .withBridgeUrl(args[2]).withPushRoomEvents(false));
        System.out.println("listening " + hs.url());
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        hs.close();
        vertx.close();
        System.exit(0);
    }
}
