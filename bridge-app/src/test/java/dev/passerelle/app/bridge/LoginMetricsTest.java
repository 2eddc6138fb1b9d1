package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;

import dev.passerelle.testnet.TestNetwork;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code passerelle_logins{network, state}} follows the logins, so that an admin's alert sees users who must log in
 * again (docs/prometheus-alerts.yaml).
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
class LoginMetricsTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    @TempDir
    Path dir;
    private EngineBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aConnectedLoginThenARevokedOneAreCounted() {
        until("one connected login in the metrics", () -> logins("connected") == 1.0,
                () -> "connected: " + logins("connected"));
        TestNetwork.login("alice").revokeSession();
        // The gauges read the store at most every 5 s.
        until("the revoked login to be counted", () -> logins("bad_credentials") == 1.0 && logins("connected") == 0.0,
                () -> "bad_credentials " + logins("bad_credentials") + ", connected " + logins("connected"));
    }

    private double logins(String state) {
        Gauge gauge = bed.passerelle().services().meterRegistry().find("passerelle.logins")
                .tag("network", "testnet").tag("state", state).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}
