package dev.passerelle.core.webhook;

import dev.passerelle.core.appservice.BodyTooLargeException;
import dev.passerelle.core.appservice.BoundedBody;
import dev.passerelle.core.appservice.OffContext;
import dev.passerelle.core.intake.IntakeClosedException;
import dev.passerelle.core.spi.WebhookReceiving;
import dev.passerelle.core.spi.WebhookReceiving.WebhookRequest;
import dev.passerelle.core.store.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} and {@code POST /_passerelle/webhook/<network>[/<path>]} on the appservice listener, for the
 * connectors that receive webhooks (see {@link WebhookReceiving}): verification answered by the connector;
 * deliveries read within the connector's size limit (413), authenticated by the connector (403, nothing stored),
 * stored by the {@link WebhookInbox} (503 when the database is down), then answered 200.
 */
public final class WebhookRoutes {

    /** Where webhooks are served; a network's endpoint is this plus {@code /<network id>}. */
    public static final String PREFIX = "/_passerelle/webhook";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final String RESULT = "passerelle.webhook.result";

    private final WebhookInbox inbox;
    private final MeterRegistry registry;

    /** @param registry counts deliveries as {@code passerelle.webhook.deliveries} by network and result */
    public WebhookRoutes(WebhookInbox inbox, MeterRegistry registry) {
        this.inbox = inbox;
        this.registry = registry;
    }

    /** What became of a {@code POST}: stored, a body stored before, refused (4xx), or not stored (5xx). */
    private void count(String network, String result) {
        registry.counter("passerelle.webhook.deliveries", "network", network, "result", result).increment();
    }

    /** Mounts the routes; for the appservice listener's extra routes. */
    public void mount(Router router) {
        router.get(PREFIX + "/:network").handler(this::verify);
        router.get(PREFIX + "/:network/*").handler(this::verify);
        router.post(PREFIX + "/:network").handler(this::counted).handler(this::deliver);
        router.post(PREFIX + "/:network/*").handler(this::counted).handler(this::deliver);
    }

    private void verify(RoutingContext ctx) {
        Optional<WebhookReceiving> receiver = inbox.receiver(ctx.pathParam("network"));
        if (receiver.isEmpty()) {
            text(ctx, 404, "No webhooks are received for this network");
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParams().names().forEach(n -> query.put(n, ctx.queryParams().get(n)));
        Optional<String> answer;
        try {
            answer = receiver.get().verifyWebhook(subPath(ctx), query);
        } catch (RuntimeException e) {
            LOG.error("Webhook verification of {} failed", ctx.pathParam("network"), e);
            text(ctx, 500, "The bridge failed while answering; see its log");
            return;
        }
        if (answer.isPresent()) {
            LOG.info("Webhook verification of {} answered", ctx.pathParam("network"));
            text(ctx, 200, answer.get());
        } else {
            LOG.warn("Webhook verification of {} refused (wrong verify token or mode)", ctx.pathParam("network"));
            text(ctx, 403, "Verification refused: the verify token does not match the bridge's config");
        }
    }

    // Runs first so that every answer is counted, whichever way it ends.
    private void counted(RoutingContext ctx) {
        String network = ctx.pathParam("network");
        if (inbox.receiver(network).isPresent()) {
            ctx.addHeadersEndHandler(v -> {
                int status = ctx.response().getStatusCode();
                count(network, status == 200 ? ctx.get(RESULT, "stored") : status >= 500 ? "failed" : "refused");
            });
        }
        ctx.next();
    }

    private void deliver(RoutingContext ctx) {
        String network = ctx.pathParam("network");
        Optional<WebhookReceiving> receiver = inbox.receiver(network);
        if (receiver.isEmpty()) {
            text(ctx, 404, "No webhooks are received for this network");
            return;
        }
        Buffer raw;
        try {
            raw = BoundedBody.read(ctx.request(), receiver.get().maxWebhookBytes()).await();
        } catch (Exception e) {
            if (e instanceof BodyTooLargeException tooLarge) {
                text(ctx, 413, tooLarge.getMessage());
            } else if (e instanceof IllegalArgumentException bad) {
                text(ctx, 400, bad.getMessage());
            } else {
                LOG.debug("Webhook body of {} could not be read: {}", network, e.toString());
                ctx.request().connection().close();
            }
            return;
        }
        byte[] body = raw.getBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().names().forEach(n -> headers.put(n.toLowerCase(Locale.ROOT),
                ctx.request().headers().get(n)));
        String path = subPath(ctx);
        if (!receiver.get().authenticateWebhook(new WebhookRequest(path, headers, body))) {
            LOG.warn("Webhook delivery to {} refused: its signature does not match", network);
            text(ctx, 403, "Refused: the signature is missing or does not match");
            return;
        }
        if (!isUtf8(body)) {
            text(ctx, 400, "The body is not UTF-8 text");
            return;
        }
        try {
            WebhookInbox.Accepted accepted = OffContext.call("webhook " + network,
                    () -> inbox.accept(network, path, body));
            LOG.debug("Webhook delivery to {}: {}", network, accepted);
            ctx.put(RESULT, accepted == WebhookInbox.Accepted.DUPLICATE ? "duplicate" : "stored");
        } catch (StoreUnavailableException e) {
            LOG.warn("Webhook delivery to {} refused with 503, the database is unavailable: {}", network,
                    e.getMessage());
            text(ctx, 503, "The bridge could not store the delivery (database unavailable); send it again later");
            return;
        } catch (IntakeClosedException e) {
            text(ctx, 503, "The bridge is stopping; send it again later");
            return;
        }
        text(ctx, 200, "EVENT_RECEIVED");
    }

    private static String subPath(RoutingContext ctx) {
        String root = PREFIX + "/" + ctx.pathParam("network");
        String path = ctx.request().path();
        return path.length() <= root.length() + 1 ? "" : path.substring(root.length() + 1);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void text(RoutingContext ctx, int status, String text) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }
}
