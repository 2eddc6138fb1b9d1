package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.Routes.Auth;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * {@code POST /_matrix/client/v1/appservice/{appserviceId}/ping} (Matrix 1.7): the fake calls the bridge's
 * {@code POST /_matrix/app/v1/ping} with the hs_token and reports how it went. Absent in old mode.
 */
final class AppservicePing {
    private final FakeHomeserverOptions options;
    private final WebClient client;

    AppservicePing(FakeHomeserverOptions options, WebClient client) {
        this.options = options;
        this.client = client;
    }

    void register(Routes routes) {
        if (!options.oldHomeserverMode()) {
            routes.add("POST", "/_matrix/client/v1/appservice/{appserviceId}/ping", Auth.TOKEN, this::ping);
        }
    }

    private void ping(Exchange ex) {
        ObjectNode body = ex.body();
        if (!ex.param("appserviceId").equals(options.appserviceId())) {
            throw MatrixError.forbidden("Provided access token is not the appservice's as_token");
        }
        String url = options.bridgeUrl()
                .orElseThrow(() -> new MatrixError(400, "M_URL_NOT_SET",
                        "Application service doesn't have a URL configured"));
        ObjectNode forward = Exchange.object();
        if (body.hasNonNull("transaction_id")) {
            forward.put("transaction_id", body.get("transaction_id").asText());
        }
        long start = System.nanoTime();
        HttpResponse<Buffer> answer;
        try {
            answer = client.postAbs(url + "/_matrix/app/v1/ping")
                    .putHeader("Authorization", "Bearer " + options.hsToken())
                    .putHeader("Content-Type", "application/json")
                    .timeout(10_000)
                    .sendBuffer(Buffer.buffer(forward.toString())).await();
        } catch (Exception e) { // await() rethrows checked failures (ConnectException) as they are
            throw new MatrixError(502, "M_CONNECTION_FAILED", "Ping failed: " + e.getMessage());
        }
        if (answer.statusCode() != 200) {
            ObjectNode err = Exchange.object().put("errcode", "M_BAD_STATUS")
                    .put("error", "Ping returned status " + answer.statusCode())
                    .put("status", answer.statusCode())
                    .put("body", answer.bodyAsString() == null ? "" : answer.bodyAsString());
            ex.errcode = java.util.Optional.of("M_BAD_STATUS");
            ex.json(502, err);
            return;
        }
        ex.ok(Exchange.object().put("duration_ms", (System.nanoTime() - start) / 1_000_000));
    }
}
