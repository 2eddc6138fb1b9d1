package dev.passerelle.core.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import dev.passerelle.core.TestConfigs;
import dev.passerelle.core.intake.RecordingHandler;
import dev.passerelle.testkit.db.TestDatabases;
import dev.passerelle.testkit.spec.MatrixSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every appservice endpoint, prefixed and legacy, answers as the spec's response schemas say. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppserviceContractTest extends AppserviceHttpTest {

    /** The spec's schema of an Application Service API answer. */
    static Schema response(String file, String path, String method, int status) {
        return MatrixSpec.responseSchema(MatrixSpec.api("application-service", file), path, method, status);
    }

    private static final AtomicInteger TXN = new AtomicInteger();
    private final RecordingHandler handler = new RecordingHandler();

    /** An endpoint as the homeserver calls it, and where the spec describes it. */
    record Endpoint(String method, String path, String body, String specFile, String specPath, String specMethod) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    void startBridge() {
        sharedBridge = true;
        start(TestDatabases.sqlite(), handler);
    }

    @AfterAll
    void stopBridge() {
        bridge.close();
        closeHomeserver();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Stream<Endpoint> endpoints() {
        String txnBody = "{\"events\":[]}";
        return Stream.of(
                new Endpoint("PUT", PREFIX + "/transactions/%s", txnBody, "transactions.yaml", "/transactions/{txnId}", "put"),
                new Endpoint("PUT", "/transactions/%s", txnBody, "transactions.yaml", "/transactions/{txnId}", "put"),
                new Endpoint("GET", PREFIX + "/users/" + enc(TestConfigs.BOT), null, "query_user.yaml", "/users/{userId}", "get"),
                new Endpoint("GET", "/users/" + enc(TestConfigs.BOT), null, "query_user.yaml", "/users/{userId}", "get"),
                new Endpoint("GET", PREFIX + "/rooms/" + enc("#nothing:example.org"), null, "query_room.yaml", "/rooms/{roomAlias}", "get"),
                new Endpoint("GET", "/rooms/" + enc("#nothing:example.org"), null, "query_room.yaml", "/rooms/{roomAlias}", "get"),
                new Endpoint("POST", PREFIX + "/ping", "{\"transaction_id\":\"ping-1\"}", "ping.yaml", "/ping", "post"),
                new Endpoint("GET", PREFIX + "/thirdparty/protocol/irc", null, "protocols.yaml", "/thirdparty/protocol/{protocol}", "get"),
                new Endpoint("GET", PREFIX + "/thirdparty/location/irc?network=freenode", null, "protocols.yaml", "/thirdparty/location/{protocol}", "get"),
                new Endpoint("GET", PREFIX + "/thirdparty/location?alias=" + enc("#a:example.org"), null, "protocols.yaml", "/thirdparty/location", "get"),
                new Endpoint("GET", PREFIX + "/thirdparty/user/irc?nick=alice", null, "protocols.yaml", "/thirdparty/user/{protocol}", "get"),
                new Endpoint("GET", PREFIX + "/thirdparty/user?userid=" + enc("@a:example.org"), null, "protocols.yaml", "/thirdparty/user", "get"));
    }

    static Stream<Arguments> endpointsWithTokenStyles() {
        return endpoints().flatMap(e -> Stream.of(Arguments.of(e, Auth.BEARER), Arguments.of(e, Auth.QUERY)));
    }

    private Answer call(Endpoint e, Auth auth) {
        String path = e.path().contains("%s") ? e.path().formatted("txn-" + TXN.incrementAndGet()) : e.path();
        return send(e.method(), path, e.body(), auth);
    }

    /** What a bridge that knows only its bot answers to each endpoint. */
    private static int expectedStatus(Endpoint e) {
        return switch (e.specPath()) {
            case "/rooms/{roomAlias}", "/thirdparty/protocol/{protocol}", "/thirdparty/location/{protocol}",
                 "/thirdparty/user/{protocol}" -> 404;
            default -> 200;
        };
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("endpointsWithTokenStyles")
    void answersWithTheTokenAsTheSpecSays(Endpoint e, Auth auth) {
        Answer answer = call(e, auth);
        int expected = expectedStatus(e);
        assertEquals(expected, answer.status(), answer.body());
        if (expected == 404) {
            assertEquals("M_NOT_FOUND", answer.errcode(), answer.body());
        }
        assertConforms(response(e.specFile(), e.specPath(), e.specMethod(), expected), answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutTokenIs401Unauthorized(Endpoint e) {
        Answer answer = call(e, Auth.NONE);
        assertError(answer, 401, "M_UNAUTHORIZED");
        assertConforms(errorSchema(e, 401), answer);
    }

    static Stream<Arguments> endpointsWithWrongTokens() {
        return endpoints().flatMap(e -> Stream.of(Arguments.of(e, Auth.WRONG_BEARER), Arguments.of(e, Auth.WRONG_QUERY)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("endpointsWithWrongTokens")
    void withWrongTokenIs403Forbidden(Endpoint e, Auth auth) {
        Answer answer = call(e, auth);
        assertError(answer, 403, "M_FORBIDDEN");
        assertConforms(errorSchema(e, 403), answer);
    }

    /** Some operations (transactions, ping) do not list their 401/403 in the spec: use the common error schema. */
    private static Schema errorSchema(Endpoint e, int status) {
        try {
            return response(e.specFile(), e.specPath(), e.specMethod(), status);
        } catch (IllegalArgumentException notListed) {
            return response("query_user.yaml", "/users/{userId}", "get", status);
        }
    }

    @Test
    void aUserOtherThanTheBotIsNotFound() {
        Answer answer = send("GET", PREFIX + "/users/" + enc("@someone_else:example.org"), null, Auth.BEARER);
        assertError(answer, 404, "M_NOT_FOUND");
        assertConforms(response("query_user.yaml", "/users/{userId}", "get", 404), answer);
    }

    @Test
    void pingRemembersTheTransactionIdOfTheRoundTrip() {
        Answer answer = send("POST", PREFIX + "/ping", "{\"transaction_id\":\"mautrix-style_42\"}", Auth.BEARER);
        assertEquals(200, answer.status());
        assertEquals(Optional.of("mautrix-style_42"), bridge.lastPingTransactionId());
        assertError(send("POST", PREFIX + "/ping", "{\"transaction_id\":5}", Auth.BEARER), 400, "M_BAD_JSON");
        assertError(send("POST", PREFIX + "/ping", "{nope", Auth.BEARER), 400, "M_NOT_JSON");
        assertEquals(200, send("POST", PREFIX + "/ping", null, Auth.BEARER).status(), "an empty ping body is fine");
    }

    @Test
    void unknownPathsAndWrongMethodsAreUnrecognized() {
        assertError(send("GET", PREFIX + "/nothing/here", null, Auth.BEARER), 404, "M_UNRECOGNIZED");
        assertError(send("GET", "/_matrix/app/v2/transactions/1", null, Auth.BEARER), 404, "M_UNRECOGNIZED");
        assertError(send("GET", PREFIX + "/transactions/1", null, Auth.BEARER), 405, "M_UNRECOGNIZED");
        assertError(send("POST", "/users/" + enc(TestConfigs.BOT), "{}", Auth.BEARER), 405, "M_UNRECOGNIZED");
    }

    @Test
    void healthAndReadyNeedNoToken() {
        Answer health = get(bridge.appservicePort(), "/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().path("status").asText());
        Answer ready = get(bridge.appservicePort(), "/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("ok", ready.json().path("checks").path("database").asText(), ready.body());
        assertEquals("ok", ready.json().path("checks").path("homeserver").asText(), ready.body());
    }

    @Test
    void theSchemaCheckItselfRejectsAnAnswerThatBreaksTheSpec() {
        Schema error = response("query_user.yaml", "/users/{userId}", "get", 404);
        assertTrue(!MatrixSpec.errors(error, "{\"error\":\"no errcode\"}").isEmpty());
        Schema locations = response("protocols.yaml", "/thirdparty/location", "get", 200);
        assertTrue(!MatrixSpec.errors(locations, "[{\"alias\":5}]").isEmpty());
    }

    private static void assertConforms(Schema schema, Answer answer) {
        List<String> errors = MatrixSpec.errors(schema, answer.body());
        assertTrue(errors.isEmpty(), "answer " + answer.body() + " does not conform: " + errors);
    }
}
