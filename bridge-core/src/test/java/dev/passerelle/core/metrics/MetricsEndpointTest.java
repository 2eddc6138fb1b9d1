package dev.passerelle.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.appservice.AppserviceHttpTest;
import dev.passerelle.core.intake.RecordingHandler;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import dev.passerelle.testkit.db.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The metrics listener as an admin's Prometheus and load balancer see it. */
class MetricsEndpointTest extends AppserviceHttpTest {

    @Test
    void metricsShowTheIntakeCountersJvmAndPoolAfterSomeTraffic() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(TestDatabases.sqlite(), handler);
        String body = "{\"events\":[{\"type\":\"m.room.message\",\"room_id\":\"!r:example.org\",\"event_id\":\"$1\","
                + "\"sender\":\"@a:example.org\",\"content\":{}},{\"type\":\"m.room.message\",\"room_id\":"
                + "\"!r:example.org\",\"event_id\":\"$2\",\"sender\":\"@a:example.org\",\"content\":{}}]}";
        assertEquals(200, putTransaction("m-1", body).status());
        assertEquals(200, putTransaction("m-1", body).status());
        assertEquals(400, putTransaction("m-2", "{nope").status());
        handler.awaitCount(2);
        int port = bridge.metricsPort().orElseThrow();
        until(Duration.ofSeconds(10), "processed events to show", () ->
                get(port, "/metrics").body().contains("passerelle_intake_events_processed_total 2.0"));
        String metrics = get(port, "/metrics").body();
        for (String expected : new String[] {
                "passerelle_intake_transactions_total{result=\"accepted\"} 1.0",
                "passerelle_intake_transactions_total{result=\"duplicate\"} 1.0",
                "passerelle_intake_transactions_total{result=\"rejected\"} 1.0",
                "passerelle_intake_transactions_total{result=\"failed\"} 0.0",
                "passerelle_intake_events_received_total 2.0",
                "passerelle_intake_events_failed_total 0.0",
                "passerelle_intake_events_pending 0.0",
                "passerelle_intake_ack_seconds_count 2",
                "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "system_cpu_count", "process_uptime_seconds", "hikaricp_connections"}) {
            assertTrue(metrics.contains(expected), "missing " + expected + " in\n" + metrics);
        }
        assertEquals(200, get(port, "/health").status());
        assertEquals(200, get(port, "/ready").status());
        assertEquals(404, get(port, "/nothing").status());
    }

    @Test
    void readyIs503WhileTheDatabaseIsUnreachableAndSaysWhy() throws Exception {
        TestDatabase db = TestDatabases.postgresDatabase();
        start(db);
        int port = bridge.metricsPort().orElseThrow();
        assertEquals(200, get(port, "/ready").status());
        bridge.services().database().pool().setConnectionTimeout(1000);
        String name = URI.create(db.jdbcUrl().substring(5)).getPath().substring(1);
        try (Connection admin = DriverManager.getConnection(TestPostgres.server().adminUrl());
             Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            try {
                Answer down = get(port, "/ready");
                assertEquals(503, down.status(), down.body());
                assertEquals("not ready", down.json().path("status").asText());
                assertTrue(down.json().path("checks").path("database").asText().contains("cannot be reached"),
                        down.body());
                assertEquals(503, get(bridge.appservicePort(), "/ready").status(), "same answer on the appservice port");
                assertEquals(200, get(port, "/health").status(), "alive all the same");
            } finally {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
        }
        until(Duration.ofSeconds(20), "ready again", () -> get(port, "/ready").status() == 200);
    }
}
