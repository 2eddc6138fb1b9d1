package dev.passerelle.app.e2e;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.net.FreePort;
import io.vertx.core.Vertx;

/**
 * A fake homeserver and a bridge config that know each other: both ports are chosen up front, so the fake can be
 * started before or after the bridge, and either can be restarted on the same address.
 *
 * @param fakeOptions  the fake's options, with its port and the bridge's URL set
 * @param bridgeConfig the bridge's config, pointing at the fake
 */
record TestBed(FakeHomeserverOptions fakeOptions, BridgeConfig bridgeConfig) {

    /** Fresh ports for both sides, the fake's tokens in the bridge's config. */
    static TestBed of(FakeHomeserverOptions options) {
        int homeserverPort = FreePort.find();
        BridgeConfig config = BridgeConfig.matching(options, "http://127.0.0.1:" + homeserverPort);
        return new TestBed(options.withPort(homeserverPort).withBridgeUrl(config.appserviceUrl()), config);
    }

    /** Starts the fake homeserver; blocks until it listens. */
    FakeHomeserver startFake(Vertx vertx) {
        return FakeHomeserver.start(vertx, fakeOptions);
    }
}
