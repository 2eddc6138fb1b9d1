package dev.passerelle.core.appservice;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets through requests that carry the homeserver's {@code hs_token}, as {@code Authorization: Bearer} or the legacy
 * {@code access_token} query parameter. Missing: 401 {@code M_UNAUTHORIZED}; wrong: 403 {@code M_FORBIDDEN}. The
 * comparison takes the same time wherever the tokens differ.
 */
final class HsTokenCheck implements Handler<RoutingContext> {

    private final byte[] expected;

    HsTokenCheck(String hsToken) {
        this.expected = hsToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String presented = presented(ctx);
        if (presented == null || presented.isEmpty()) {
            MatrixErrors.error(ctx, 401, "M_UNAUTHORIZED", "No access token: the homeserver must send the hs_token "
                    + "from the registration as 'Authorization: Bearer <hs_token>'");
            return;
        }
        if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            MatrixErrors.error(ctx, 403, "M_FORBIDDEN", "The access token is not this bridge's hs_token: check that "
                    + "hs_token in the registration file the homeserver loaded matches appservice.hs_token");
            return;
        }
        ctx.next();
    }

    private static String presented(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return ctx.request().getParam("access_token");
    }
}
