package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.bridge.NetworkStateStore;
import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.core.store.ConnectorStateStore;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.JdbcTarget;
import dev.passerelle.core.store.SecretBox;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys written through the protocol are stored encrypted and read back identically after a restart. */
class AuthStateRoundTripTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    private static Database open(TestDatabase db) {
        return Database.open(JdbcTarget.parse(DatabaseType.valueOf(db.kind().toUpperCase()), db.jdbcUrl(),
                Path.of(".")), 4, List.of());
    }

    private static ScriptedBed bed(Database database, String key) throws Exception {
        var store = new NetworkStateStore("whatsapp", new ConnectorStateStore(database, SecretBox.fromBase64Key(key),
                Clock.systemUTC()));
        return new ScriptedBed("{}", store);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keysSurviveARestartEncrypted(TestDatabase db) throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);
        String creds = "{\"noiseKey\":{\"private\":{\"type\":\"Buffer\",\"data\":\"c2VjcmV0LW5vaXNl\"}}}";
        String session = "{\"_sessions\":{\"abc\":{\"registrationId\":42}}}";
        String login = "336" + System.nanoTime();
        try (Database database = open(db); ScriptedBed first = bed(database, key)) {
            var values = object().put("creds", creds).put("session/" + login + ".0", session).put("pre-key/7", "{}");
            first.sidecar.ask("state.set", object().put("session", login).set("values", values));
            first.sidecar.ask("state.set", object().put("session", login).set("values",
                    object().putNull("pre-key/7")));
            List<String> stored = database.dsl().select(DSL.field("content", String.class))
                    .from(DSL.table("connector_state")).where(DSL.field("login_id").eq(login)).fetch().getValues(0,
                            String.class);
            assertEquals(2, stored.size(), "a null value deletes the key");
            assertFalse(stored.stream().anyMatch(s -> s.contains("c2VjcmV0") || s.contains("registrationId")),
                    "stored encrypted");
        }
        try (Database database = open(db); ScriptedBed second = bed(database, key)) {
            var names = ScriptedSidecar.JSON.createArrayNode().add("creds").add("session/" + login + ".0")
                    .add("pre-key/7");
            JsonNode answer = second.sidecar.ask("state.get", object().put("session", login).set("names", names));
            assertTrue(answer.path("ok").asBoolean(), answer.toString());
            JsonNode back = answer.path("result").path("values");
            assertEquals(creds, back.path("creds").asText());
            assertEquals(session, back.path("session/" + login + ".0").asText());
            assertTrue(back.path("pre-key/7").isNull());
        }
    }
}
