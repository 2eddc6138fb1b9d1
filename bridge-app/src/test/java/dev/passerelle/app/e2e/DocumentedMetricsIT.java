package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric that the shipped Grafana dashboard and Prometheus alert rules (docs/) query is one the running bridge
 * exports, so an admin's panels and alerts do not silently stay empty after a rename.
 */
class DocumentedMetricsIT extends BridgeProcessTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:passerelle|jvm|hikaricp|process)_[a-z_]+)\\b");
    /** Exported only while a network is enabled (which these process tests cannot do); LoginMetricsTest covers it. */
    private static final Set<String> NEEDS_A_NETWORK = Set.of("passerelle_logins");

    @Test
    void theDashboardAndTheAlertsQueryMetricsTheBridgeExports() throws IOException {
        Set<String> queried = new TreeSet<>();
        for (String file : new String[] {"grafana-dashboard.json", "prometheus-alerts.yaml"}) {
            Matcher m = METRIC.matcher(Files.readString(Path.of("..", "docs", file)));
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        queried.removeAll(NEEDS_A_NETWORK);
        assertFalse(queried.isEmpty(), "no metric found in docs/");

        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens());
        try (FakeHomeserver hs = bed.startFake(vertx);
             BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig())) {
            bridge.start().awaitReady(Duration.ofSeconds(60));
            String metrics = bridge.metrics();
            Set<String> missing = new TreeSet<>();
            for (String name : queried) {
                if (!Pattern.compile("(?m)^" + name + "[ {]").matcher(metrics).find()) {
                    missing.add(name);
                }
            }
            assertTrue(missing.isEmpty(), "docs/ query metrics the bridge does not export: " + missing);
        }
    }
}
