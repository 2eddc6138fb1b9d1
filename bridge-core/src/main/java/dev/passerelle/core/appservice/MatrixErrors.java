package dev.passerelle.core.appservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the appservice API's answers: JSON bodies, and errors as {@code {"errcode","error"}}. When a request's body
 * was not read (refused before reading, or too large), the connection is closed after the answer so that the
 * rest of the body is never read.
 */
public final class MatrixErrors {

    public static final ObjectMapper JSON = new ObjectMapper();

    private MatrixErrors() {
    }

    public static void error(RoutingContext ctx, int status, String errcode, String message) {
        String body = JSON.createObjectNode().put("errcode", errcode).put("error", message).toString();
        send(ctx, status, body);
    }

    public static void json(RoutingContext ctx, int status, String body) {
        send(ctx, status, body);
    }

    private static void send(RoutingContext ctx, int status, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        boolean unread = !request.isEnded();
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (unread && request.version() != HttpVersion.HTTP_2) {
            response.putHeader("Connection", "close"); // HTTP/2 forbids the header: a client drops the answer
        }
        response.end(body).onComplete(done -> {
            if (unread) {
                request.connection().close();
            }
        });
    }
}
