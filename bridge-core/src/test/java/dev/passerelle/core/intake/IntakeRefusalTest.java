package dev.passerelle.core.intake;

import static dev.passerelle.core.intake.IntakeFixtures.message;
import static dev.passerelle.core.intake.IntakeFixtures.storedTransactions;
import static dev.passerelle.core.intake.IntakeFixtures.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.TestConfigs;
import dev.passerelle.core.appservice.AppserviceHttpTest;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the intake refuses, and that a refused request leaves nothing behind; on SQLite and PostgreSQL. */
class IntakeRefusalTest extends AppserviceHttpTest {

    static Stream<TestDatabase> databases() {
        return TestDatabases.both();
    }

    record Bad(String body, int status, String errcode) {
    }

    private static final List<Bad> BAD_BODIES = List.of(
            new Bad("{not json", 400, "M_NOT_JSON"),
            new Bad("{\"events\":[{\"type\":\"m.room.message\"", 400, "M_NOT_JSON"),
            new Bad("", 400, "M_NOT_JSON"),
            new Bad("{\"events\":[]} trailing", 400, "M_NOT_JSON"),
            new Bad("[]", 400, "M_BAD_JSON"),
            new Bad("{}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":{}}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":[1]}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":[{\"room_id\":\"!r:example.org\",\"content\":{}}]}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":[{\"type\":5}]}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":[{\"type\":\"m.x\",\"room_id\":7}]}", 400, "M_BAD_JSON"),
            new Bad("{\"events\":[],\"ephemeral\":\"typing\"}", 400, "M_BAD_JSON"));

    @ParameterizedTest
    @MethodSource("databases")
    void badInputIsRefusedWithTheRightCodeAndNothingIsStored(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        int n = 0;
        for (Bad bad : BAD_BODIES) {
            Answer answer = putTransaction("bad-" + n++, bad.body());
            assertEquals(bad.status(), answer.status(), bad.body() + " -> " + answer.body());
            assertEquals(bad.errcode(), answer.errcode(), bad.body() + " -> " + answer.body());
        }
        String good = txn(message("!r:example.org", "$x"));
        assertError(send("PUT", PREFIX + "/transactions/no-token", good, Auth.NONE), 401, "M_UNAUTHORIZED");
        assertError(send("PUT", PREFIX + "/transactions/wrong-token", good, Auth.WRONG_BEARER), 403, "M_FORBIDDEN");
        assertError(send("PUT", "/transactions/wrong-query", good, Auth.WRONG_QUERY), 403, "M_FORBIDDEN");
        assertError(send("PUT", PREFIX + "/transaction/typo", good, Auth.BEARER), 404, "M_UNRECOGNIZED");
        assertError(putTransaction("t".repeat(300), good), 400, "M_INVALID_PARAM");
        assertEquals(0, storedTransactions(db));
        assertEquals(List.of(), handler.events());
        double rejected = bridge.meterRegistry().get("passerelle.intake.transactions").tag("result", "rejected")
                .counter().count();
        assertEquals(BAD_BODIES.size() + 4, rejected, "each refused transaction is counted");

        // The same id, once correct, is accepted: a refusal stored nothing under it.
        assertEquals(200, putTransaction("bad-0", good).status());
        handler.awaitCount(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oversizedBodiesAre413WithoutBeingReadAndTheConnectionIsClosed(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        long twentyMiB = 20L * 1024 * 1024;
        String declared = "PUT " + PREFIX + "/transactions/big HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestConfigs.HS_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + twentyMiB + "\r\n\r\n";
        // Only the start of the 20 MiB is sent: the answer must come without the rest.
        RawAnswer tooLarge = raw(declared, "{\"events\":[".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        assertEquals(413, tooLarge.status(), tooLarge.text());
        assertTrue(tooLarge.body().contains("M_TOO_LARGE"), tooLarge.text());
        assertTrue(tooLarge.closed(), "connection closed");

        String chunkedHead = "PUT " + PREFIX + "/transactions/big-chunked HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestConfigs.HS_TOKEN + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        byte[] chunkData = new byte[64 * 1024];
        java.util.Arrays.fill(chunkData, (byte) ' ');
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        for (long sent = 0; sent <= TestConfigs.MAX_BODY; sent += chunkData.length) {
            chunks.write((Integer.toHexString(chunkData.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(chunkData);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        // No final chunk: the server must cut the body off by itself once past the limit.
        RawAnswer chunked = raw(chunkedHead, chunks.toByteArray(), Duration.ofSeconds(10));
        assertEquals(413, chunked.status(), chunked.text());
        assertTrue(chunked.body().contains("M_TOO_LARGE"), chunked.text());
        assertTrue(chunked.closed(), "connection closed");

        assertEquals(0, storedTransactions(db));
        assertEquals(200, putTransaction("small", txn(message("!r:example.org", "$small"))).status());
        handler.awaitCount(1);
        assertEquals(List.of("$small"), handler.eventIds());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClientThatGivesUpHalfwayDoesNotHurtTheServer(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket("127.0.0.1", bridge.appservicePort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT " + PREFIX + "/transactions/half-" + i + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + TestConfigs.HS_TOKEN + "\r\nContent-Length: 500\r\n\r\n"
                        + "{\"events\":[").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        assertEquals(200, get(bridge.appservicePort(), "/health").status());
        assertEquals(200, putTransaction("whole", txn(message("!r:example.org", "$whole"))).status());
        handler.awaitCount(1);
        assertEquals(1, storedTransactions(db));
    }

    static Stream<TestDatabase> isolatedDatabases() {
        return TestDatabases.bothIsolated();
    }

    @ParameterizedTest
    @MethodSource("isolatedDatabases")
    void whileTheDatabaseIsDownTransactionsAre503AndNothingIsLostOnceItIsBack(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        assertEquals(200, putTransaction("before", txn(message("!r:example.org", "$before"))).status());
        handler.awaitCount(1);
        String during = txn(message("!r:example.org", "$during-1"), message("!r:example.org", "$during-2"));
        try (DatabaseOutage outage = DatabaseOutage.begin(db, bridge)) {
            Answer refused = putTransaction("during", during);
            assertEquals(503, refused.status(), refused.body());
            assertEquals("M_UNKNOWN", refused.errcode());
            assertTrue(refused.json().path("error").asText().contains("database unavailable"), refused.body());
            assertEquals(200, get(bridge.appservicePort(), "/health").status(), "alive while the database is down");
        }
        // The homeserver retries the same transaction once the database is back.
        until(Duration.ofSeconds(20), "the retried transaction to be accepted",
                () -> putTransaction("during", during).status() == 200);
        handler.awaitCount(3);
        assertEquals(List.of("$before", "$during-1", "$during-2"), handler.eventIds());
        assertEquals(2, storedTransactions(db));
        assertTrue(bridge.meterRegistry().get("passerelle.intake.transactions").tag("result", "failed")
                .counter().count() >= 1);
    }
}
