package dev.passerelle.core.appservice;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body of at most {@code limit} bytes. A declared {@code Content-Length} over the limit fails at
 * once, without reading; a chunked body fails as soon as the limit is passed, and the rest is not read.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static Future<Buffer> read(HttpServerRequest request, long limit) {
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return Future.failedFuture(new BodyTooLargeException(limit));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(new IllegalArgumentException("Content-Length is not a number"));
            }
        }
        if (request.isEnded()) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                request.pause();
                promise.tryFail(new BodyTooLargeException(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }
}
