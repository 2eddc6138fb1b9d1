package dev.passerelle.app.e2e;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What every test of the bridge as a separate process shares: a Vert.x for the fake homeserver, a data directory. */
abstract class BridgeProcessTest {

    /** Runs the fake homeserver of the test class. */
    static Vertx vertx;

    /** The bridge's data directory (config, registration, SQLite database, log), fresh for each test. */
    @TempDir
    Path dataDir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }
}
