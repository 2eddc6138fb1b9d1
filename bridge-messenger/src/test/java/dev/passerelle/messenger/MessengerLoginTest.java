package dev.passerelle.messenger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code page} login against the fake Graph API: the token is checked with {@code GET /me}. */
class MessengerLoginTest {

    private static final String PAGE = MessengerBed.PAGE;

    @TempDir
    Path dir;
    private FakeGraphApi graph;

    @BeforeEach
    void startGraph() {
        graph = new FakeGraphApi(dir.resolve("uploads"));
        graph.addPage(PAGE, "Corner Bakery", "good-token");
        graph.addPage("1000002", "Another Page", "other-page-token");
        graph.addUserToken("user-token", "555");
    }

    @AfterEach
    void stopGraph() {
        graph.close();
    }

    private MessengerConnector connector(String configToken) throws Exception {
        ObjectNode config = MetaWebhooks.JSON.createObjectNode().put("graph_base_url", graph.url())
                .put("graph_api_version", FakeGraphApi.VERSION);
        ObjectNode page = config.putArray("pages").addObject().put("page_id", PAGE).put("app_secret", "s3cret")
                .put("verify_token", "verify-token-0123456789");
        if (!configToken.isEmpty()) {
            page.put("access_token", configToken);
        }
        page.putArray("allowed_users").add("@alice:example.org").add("staff.example.org");
        MessengerConnector connector = new MessengerConnector();
        connector.start(new ConnectorContext(config, dir, new byte[32], new SimpleMeterRegistry()));
        return connector;
    }

    private LoginStep tokenStep(LoginProcess login, String userId) throws Exception {
        LoginStep first = login.start();
        InputField field = assertInstanceOf(LoginStep.UserInput.class, first).fields().getFirst();
        assertEquals("page_id", field.id());
        return login.submit(Map.of("page_id", PAGE));
    }

    @Test
    void aPageTokenCompletesTheLoginAndIsTheSecret() throws Exception {
        try (LoginProcess login = connector("").startLogin("page", "@alice:example.org")) {
            LoginStep ask = tokenStep(login, "@alice:example.org");
            InputField token = assertInstanceOf(LoginStep.UserInput.class, ask).fields().getFirst();
            assertEquals(InputField.Kind.TOKEN, token.kind()); // redacted from the room, never logged

            NewLogin done = assertInstanceOf(LoginStep.Complete.class, login.submit(Map.of("access_token",
                    "good-token"))).login();
            assertEquals(PAGE, done.loginId());
            assertEquals("Corner Bakery", done.remoteName());
            assertArrayEquals("good-token".getBytes(StandardCharsets.UTF_8), done.secret());
        }
    }

    @Test
    void aUserOfAnAllowedServerMayLogIn() throws Exception {
        try (LoginProcess login = connector("").startLogin("page", "@dan:staff.example.org")) {
            assertInstanceOf(LoginStep.UserInput.class, tokenStep(login, "@dan:staff.example.org"));
        }
    }

    @Test
    void aTokenInTheConfigIsUsedAndNotCopiedIntoTheLogin() throws Exception {
        try (LoginProcess login = connector("good-token").startLogin("page", "@alice:example.org")) {
            NewLogin done = assertInstanceOf(LoginStep.Complete.class, tokenStep(login, "@alice:example.org"))
                    .login();
            assertEquals(PAGE, done.loginId());
            assertEquals(0, done.secret().length);
        }
    }

    @Test
    void wrongTokensAreRefusedWithWhatToDo() throws Exception {
        MessengerConnector connector = connector("");
        Map<String, String> expected = Map.of("revoked-token", "PASSERELLE.MESSENGER.BAD_TOKEN",
                "user-token", "PASSERELLE.MESSENGER.NOT_A_PAGE_TOKEN",
                "other-page-token", "PASSERELLE.MESSENGER.NOT_A_PAGE_TOKEN");
        for (var e : expected.entrySet()) {
            try (LoginProcess login = connector.startLogin("page", "@alice:example.org")) {
                tokenStep(login, "@alice:example.org");
                LoginException refused = assertThrows(LoginException.class,
                        () -> login.submit(Map.of("access_token", e.getKey())));
                assertEquals(e.getValue(), refused.code(), e.getKey());
                assertTrue(refused.getMessage().contains(e.getValue().endsWith("BAD_TOKEN")
                        ? "developers.facebook.com" : "Page access token"), refused.getMessage());
                assertTrue(!refused.getMessage().contains(e.getKey()), "the token is not repeated");
            }
        }
    }

    @Test
    void unknownPagesAndUsersNotAllowedAreRefused() throws Exception {
        MessengerConnector connector = connector("");
        try (LoginProcess login = connector.startLogin("page", "@alice:example.org")) {
            login.start();
            LoginException unknown = assertThrows(LoginException.class,
                    () -> login.submit(Map.of("page_id", "1000002")));
            assertEquals("PASSERELLE.MESSENGER.UNKNOWN_PAGE", unknown.code());
            assertTrue(unknown.getMessage().contains("networks.messenger.pages"));
        }
        try (LoginProcess login = connector.startLogin("page", "@eve:example.com")) {
            login.start();
            assertEquals("PASSERELLE.MESSENGER.NOT_ALLOWED", assertThrows(LoginException.class,
                    () -> login.submit(Map.of("page_id", PAGE))).code());
        }
        assertEquals("PASSERELLE.MESSENGER.UNKNOWN_FLOW", assertThrows(LoginException.class,
                () -> connector.startLogin("qr", "@alice:example.org")).code());
    }
}
