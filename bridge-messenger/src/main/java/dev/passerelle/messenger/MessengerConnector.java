package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NetworkDescription;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.core.spi.WebhookReceiving;
import dev.passerelle.messenger.MessengerConfig.PageConfig;
import dev.passerelle.messenger.graph.GraphApi;
import dev.passerelle.messenger.graph.PageApi;
import dev.passerelle.messenger.msgconv.FromMatrix;
import dev.passerelle.messenger.msgconv.ToMatrix;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Messenger connector ({@code messenger}): Facebook Page inboxes through Meta's official Messenger Platform.
 * Every person who writes to a Page is a ghost, every conversation a portal of the Page's login, shared by the
 * Matrix users the config allows for the Page. Events arrive as signed webhooks on
 * {@code /_passerelle/webhook/messenger} (stored by the bridge before they are acknowledged); answers go out through
 * the Send API.
 */
public final class MessengerConnector implements NetworkConnector, WebhookReceiving {

    public static final String ID = "messenger";
    private static final Logger LOG = LoggerFactory.getLogger(MessengerConnector.class);

    private final ObjectMapper json = new ObjectMapper();
    private final PageClients clients = new PageClients();
    private final Clock clock = Clock.systemUTC();
    private volatile MessengerConfig config;
    private volatile GraphApi graph;
    private volatile HttpClient http;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public NetworkDescription description() {
        return new NetworkDescription("Messenger", "messengerbot", "Messenger bridge bot", Optional.empty(),
                "messenger_", "messenger_", "https://www.messenger.com");
    }

    @Override
    public String exampleConfig() {
        return """
                # The Graph API's address; change it only to point the bridge at a test server.
                graph_base_url: https://graph.facebook.com
                # The Graph API version the bridge speaks (vNN.N).
                graph_api_version: v23.0
                # Whether answers sent more than 24 hours after the person's last message go out with the HUMAN_AGENT
                # tag (your app needs that permission from Meta); when false the bridge explains the window in the room.
                human_agent_tag: false
                # Required. The Facebook Pages whose inboxes are bridged, one entry each. Webhook URL to give Meta:
                # <appservice.address>/_passerelle/webhook/messenger (fields: messages, message_echoes,
                # message_deliveries, message_reads, message_reactions, message_edits, messaging_postbacks).
                pages:
                  # Required. The Page's numeric id (Page settings, About, Page ID).
                  - page_id: "104857600000001"
                    # The Page access token; leave it empty to give it with the bot's 'login' command instead.
                    access_token: ""
                    # Required. The App Secret (developers.facebook.com, your app, App settings, Basic); it checks the
                    # signature of every webhook delivery.
                    app_secret: "<App Secret of the Meta app>"
                    # Required. 16 or more random characters of yours, typed again in the app's webhook settings.
                    verify_token: "<16 or more random characters>"
                    # Required. Who may read and answer the Page's conversations: Matrix user ids or server names.
                    allowed_users: ["@alice:example.org"]
                """;
    }

    @Override
    public NetworkCapabilities capabilities() {
        return MessengerCapabilities.of();
    }

    @Override
    public void start(ConnectorContext context) throws ConnectorException {
        config = MessengerConfig.from(context.config());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        graph = new GraphApi(http, json, config.graphBaseUrl(), config.graphApiVersion());
        LOG.info("Messenger: {} Page(s) configured, Graph API {} at {}", config.pages().size(),
                config.graphApiVersion(), config.graphBaseUrl());
    }

    @Override
    public void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Override
    public List<LoginFlow> loginFlows() {
        return List.of(new LoginFlow(MessengerLogin.FLOW, "Facebook Page", "Enter the Page's id and a Page access "
                + "token to answer its Messenger inbox from Matrix."));
    }

    @Override
    public LoginProcess startLogin(String flowId, String userId) throws LoginException {
        if (!flowId.equals(MessengerLogin.FLOW)) {
            throw new LoginException("PASSERELLE.MESSENGER.UNKNOWN_FLOW", "Messenger has no login flow '" + flowId
                    + "'; use: page");
        }
        return new MessengerLogin(config, userId, this::pageApi);
    }

    private PageApi pageApi(String pageId, String token) {
        return new PageApi(graph, json, pageId, token);
    }

    @Override
    public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
        PageConfig page = config.pages().get(login.loginId());
        if (page == null) {
            return new UnconfiguredPageClient(login.loginId(), sink);
        }
        String token = login.secret().length > 0 ? new String(login.secret(), StandardCharsets.UTF_8)
                : page.accessToken().orElse("");
        PageApi api = pageApi(page.pageId(), token);
        ConversationMemory memory = new ConversationMemory();
        FromMatrix fromMatrix = new FromMatrix(MessengerCapabilities.MAX_FILE_BYTES);
        MatrixHandler.Factory handlers = (p, rejected) -> new MatrixHandler(p, json, fromMatrix, memory,
                config.humanAgentTag(), rejected, clock);
        ToMatrix toMatrix = new ToMatrix(uri -> () -> api.download(uri));
        return new MessengerClient(page, api, sink, handlers, new RemoteEventHandler(page.pageId(), toMatrix, memory),
                clients, clock);
    }

    @Override
    public long maxWebhookBytes() {
        return 4L * 1024 * 1024;
    }

    /** Meta's handshake: {@code hub.mode=subscribe}, the verify token of one of the Pages, answered with the challenge. */
    @Override
    public Optional<String> verifyWebhook(String path, Map<String, String> query) {
        String given = query.getOrDefault("hub.verify_token", "");
        boolean known = false;
        for (PageConfig page : config.pages().values()) {
            known |= MessageDigest.isEqual(page.verifyToken().getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }
        if (!"subscribe".equals(query.get("hub.mode")) || !known || !query.containsKey("hub.challenge")) {
            return Optional.empty();
        }
        return Optional.of(query.get("hub.challenge"));
    }

    @Override
    public boolean authenticateWebhook(WebhookRequest request) {
        Set<String> secrets = config.pages().values().stream().map(PageConfig::appSecret).collect(Collectors.toSet());
        return WebhookSignature.matches(Optional.ofNullable(request.headers().get("x-hub-signature-256")),
                request.body(), secrets);
    }

    /** Each {@code entry} is one Page's: its {@code messaging} items go to that Page's client, in order. */
    @Override
    public void handleWebhook(WebhookDelivery delivery) throws InterruptedException, IOException {
        JsonNode body = json.readTree(delivery.body());
        if (!"page".equals(body.path("object").asText())) {
            LOG.info("Webhook delivery {} is for '{}', not a Page; ignored", delivery.seq(),
                    body.path("object").asText());
            return;
        }
        for (JsonNode entry : body.path("entry")) {
            String pageId = entry.path("id").asText("");
            JsonNode items = entry.path("messaging");
            if (items.isEmpty()) {
                continue;
            }
            Optional<MessengerClient> client = clients.of(pageId);
            if (client.isEmpty()) {
                LOG.warn("Webhook delivery {}: {} events for the Page {}, which nobody is logged in to; they are "
                        + "dropped (an allowed user sends \"login page\" to the Messenger bot)", delivery.seq(),
                        items.size(), pageId);
                continue;
            }
            client.get().deliver(items);
        }
    }
}
