package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BridgeBed} with the Messenger connector: a fake Graph API holding one Page ("Corner Bakery") and one
 * person who writes to it (Pat Doe, with a profile picture), Meta's webhook side signing with the Page's app secret,
 * and the Page's config allowing Alice and Bob (Carol, on the same server, is not allowed).
 */
final class MessengerBed extends BridgeBed {

    static final String PAGE = "1000001";
    static final String PAGE_NAME = "Corner Bakery";
    static final String TOKEN = "EAAG-page-token-of-corner-bakery";
    static final String APP_SECRET = "app-secret-0123456789abcdef";
    static final String VERIFY_TOKEN = "verify-token-0123456789";
    static final String PAT = "2000001";
    static final String BOB = "@bob:example.org";
    static final String CAROL = "@carol:example.org";
    static final String PAT_GHOST = "@messenger_" + PAT + ":example.org";
    static final String PAGE_GHOST = "@messenger_" + PAGE + ":example.org";
    static final String BOT = "@messengerbot:example.org";

    final FakeGraphApi graph;
    final MetaWebhooks meta;

    MessengerBed(Path dir) {
        super(dir, "messenger", "messengerbot", "messenger_");
        graph = new FakeGraphApi(dir.resolve("graph-uploads"));
        graph.addPage(PAGE, PAGE_NAME, TOKEN);
        graph.addFile("page.png", PNG);
        graph.addFile("pat.png", PNG);
        graph.addPerson(new FakeGraphApi.Person(PAT, "Pat", "Doe", Optional.of("pat.png")));
        meta = new MetaWebhooks(bridgeUrl(), PAGE, APP_SECRET);
        configure(false);
    }

    /** The Page's config; {@code humanAgentTag} allows answers outside the 24-hour window. */
    void configure(boolean humanAgentTag) {
        ObjectNode config = networkConfig();
        config.removeAll();
        config.put("graph_base_url", graph.url()).put("graph_api_version", FakeGraphApi.VERSION)
                .put("human_agent_tag", humanAgentTag);
        ObjectNode page = config.putArray("pages").addObject().put("page_id", PAGE).put("app_secret", APP_SECRET)
                .put("verify_token", VERIFY_TOKEN);
        page.putArray("allowed_users").add(ALICE).add(BOB);
    }

    /** The bridge started, Alice logged in to the Page. */
    static MessengerBed withPageLoggedIn(Path dir) throws Exception {
        MessengerBed bed = new MessengerBed(dir);
        bed.start();
        bed.loginPage(ALICE);
        return bed;
    }

    /** Logs {@code userId} in to the Page with its token, as {@code login page} does, and waits for the check. */
    void loginPage(String userId) throws Exception {
        NewLogin login;
        try (LoginProcess process = connector().startLogin("page", userId)) {
            process.start();
            process.submit(Map.of("page_id", PAGE));
            login = ((LoginStep.Complete) process.submit(Map.of("access_token", TOKEN))).login();
        }
        long before = graph.meCalls();
        addLogin(userId, login);
        until("the Page's token to be checked", () -> graph.meCalls() > before, () -> "");
    }

    /** The portal of the conversation with Pat, once it exists. */
    String patRoom() {
        until("the portal of Pat", () -> portalRoom(PAT).isPresent(), () -> "rooms " + homeserver.rooms());
        return portalRoom(PAT).orElseThrow();
    }

    /** Webhook deliveries in the database: all of them, or those not handled yet. */
    long deliveries(boolean pendingOnly) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory().resolve("bridge.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM webhook_delivery"
                     + (pendingOnly ? " WHERE done_at IS NULL" : ""))) {
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("could not read webhook_delivery: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        super.close();
        graph.close();
    }
}
