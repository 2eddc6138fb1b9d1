package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;

import dev.passerelle.testnet.TestNetwork;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;

/**
 * {@code passerelle_logins{network, state}} follows the logins, so that an admin's alert sees users who must log in
 * again (docs/prometheus-alerts.yaml).
 */
class LoginMetricsTest extends AliceEngineTest {

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
