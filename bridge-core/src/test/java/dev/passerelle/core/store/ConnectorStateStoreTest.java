package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.CONNECTOR_STATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectorStateStoreTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private record Opened(Database database, ConnectorStateStore store) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }

    private static Opened open(TestDatabase db, String key) {
        Database database = TestStores.open(db);
        return new Opened(database, new ConnectorStateStore(database, SecretBox.fromBase64Key(key), Clock.systemUTC()));
    }

    private static Opened fresh(TestDatabase db, String key) {
        Opened o = open(db, key);
        o.database().dsl().deleteFrom(CONNECTOR_STATE).execute();
        return o;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void valuesAreStoredSealedAndReadBackIdenticallyAfterReopening(TestDatabase db) {
        String key = StoreFixture.randomKey();
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        try (Opened o = fresh(db, key)) {
            o.store().put("whatsapp", "336", "creds", bytes("{\"noiseKey\":\"secret-material\"}"));
            o.store().put("whatsapp", "336", "pre-key/1", binary);
            String raw = o.database().dsl().select(CONNECTOR_STATE.CONTENT).from(CONNECTOR_STATE)
                    .where(CONNECTOR_STATE.NAME.eq("creds")).fetchOne(CONNECTOR_STATE.CONTENT);
            assertFalse(raw.contains("secret-material"), "stored sealed, not in clear");
        }
        try (Opened o = open(db, key)) {
            assertEquals("{\"noiseKey\":\"secret-material\"}", text(o.store().get("whatsapp", "336", "creds").orElseThrow()));
            assertArrayEquals(binary, o.store().get("whatsapp", "336", "pre-key/1").orElseThrow());
        }
        try (Opened o = open(db, StoreFixture.randomKey())) {
            var e = assertThrows(SecretUnreadableException.class, () -> o.store().get("whatsapp", "336", "creds"));
            assertTrue(e.getMessage().contains("different bridge.secret_key"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void scopesKeepNetworksAndLoginsApart(TestDatabase db) {
        try (Opened o = fresh(db, StoreFixture.randomKey())) {
            o.store().put("whatsapp", "a", "creds", bytes("A"));
            o.store().put("whatsapp", "b", "creds", bytes("B"));
            o.store().put("telegram", "a", "creds", bytes("T"));
            o.store().put("whatsapp", "", "lid/1@lid", bytes("33@s.whatsapp.net"));
            assertEquals("A", text(o.store().get("whatsapp", "a", "creds").orElseThrow()));
            assertEquals("B", text(o.store().get("whatsapp", "b", "creds").orElseThrow()));
            assertEquals("T", text(o.store().get("telegram", "a", "creds").orElseThrow()));
            assertEquals(Optional.empty(), o.store().get("whatsapp", "", "creds"));
            assertEquals(1, o.store().deleteLogin("whatsapp", "a"));
            assertEquals(0, o.store().deleteLogin("whatsapp", "zzz"));
            assertEquals(Optional.empty(), o.store().get("whatsapp", "a", "creds"));
            assertEquals("T", text(o.store().get("telegram", "a", "creds").orElseThrow()));
            assertEquals("33@s.whatsapp.net", text(o.store().get("whatsapp", "", "lid/1@lid").orElseThrow()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchUpdatesWriteAndDeleteTogetherAndPrefixListingIsExact(TestDatabase db) {
        try (Opened o = fresh(db, StoreFixture.randomKey())) {
            Map<String, Optional<byte[]>> first = new LinkedHashMap<>();
            first.put("session/1.0", Optional.of(bytes("s1")));
            first.put("session/2.0", Optional.of(bytes("s2")));
            first.put("Session/3.0", Optional.of(bytes("upper")));
            first.put("session_x", Optional.of(bytes("underscore")));
            first.put("pre-key/5", Optional.of(bytes("p5")));
            o.store().update("whatsapp", "l", first);
            Map<String, Optional<byte[]>> second = new LinkedHashMap<>();
            second.put("session/1.0", Optional.empty());
            second.put("session/2.0", Optional.of(bytes("s2b")));
            o.store().update("whatsapp", "l", second);

            Map<String, byte[]> sessions = o.store().listByPrefix("whatsapp", "l", "session/");
            assertEquals(List.of("session/2.0"), List.copyOf(sessions.keySet()), "exact, case-sensitive prefix");
            assertEquals("s2b", text(sessions.get("session/2.0")));
            assertEquals(5 - 1, o.store().listByPrefix("whatsapp", "l", "").size());
            Map<String, byte[]> some = o.store().getAll("whatsapp", "l", List.of("pre-key/5", "pre-key/6", "session_x"));
            assertEquals(List.of("pre-key/5", "session_x"), some.keySet().stream().sorted().toList());
            assertTrue(o.store().delete("whatsapp", "l", "pre-key/5"));
            assertFalse(o.store().delete("whatsapp", "l", "pre-key/5"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aValueCopiedToAnotherRowDoesNotOpen(TestDatabase db) {
        try (Opened o = fresh(db, StoreFixture.randomKey())) {
            o.store().put("whatsapp", "a", "creds", bytes("A"));
            o.store().put("whatsapp", "b", "creds", bytes("B"));
            var dsl = o.database().dsl();
            String sealedA = dsl.select(CONNECTOR_STATE.CONTENT).from(CONNECTOR_STATE)
                    .where(CONNECTOR_STATE.LOGIN_ID.eq("a")).fetchOne(CONNECTOR_STATE.CONTENT);
            dsl.update(CONNECTOR_STATE).set(CONNECTOR_STATE.CONTENT, sealedA).where(CONNECTOR_STATE.LOGIN_ID.eq("b"))
                    .execute();
            assertThrows(SecretUnreadableException.class, () -> o.store().get("whatsapp", "b", "creds"));
        }
    }
}
