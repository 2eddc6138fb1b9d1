package dev.passerelle.core.provisioning;

import dev.passerelle.core.appservice.MatrixErrors;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets through provisioning requests that carry the shared secret as {@code Authorization: Bearer} and name the
 * acting user with {@code ?user_id=}; puts the {@link Caller} in the routing context. Missing secret: 401
 * {@code M_MISSING_TOKEN}; wrong: 401 {@code M_UNKNOWN_TOKEN} (compared in constant time); no or malformed
 * {@code user_id}: 400. {@link #requires} then checks the caller's level per endpoint.
 */
final class ProvisioningAuth implements Handler<RoutingContext> {

    private static final String CALLER = "passerelle.provisioning.caller";

    private final byte[] secret;
    private final BridgeSettings settings;

    ProvisioningAuth(String sharedSecret, BridgeSettings settings) {
        this.secret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        this.settings = settings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Caller> caller = check(ctx.request().getHeader("Authorization"), ctx.request().getParam("user_id"))
                .fold(ctx);
        caller.ifPresent(c -> {
            ctx.put(CALLER, c);
            ctx.next();
        });
    }

    /** The outcome of the checks, apart from HTTP so that it can be tested alone. */
    sealed interface Outcome {
        /** Answers the refusal, or hands back the caller. */
        Optional<Caller> fold(RoutingContext ctx);

        record Allowed(Caller caller) implements Outcome {
            @Override
            public Optional<Caller> fold(RoutingContext ctx) {
                return Optional.of(caller);
            }
        }

        record Refused(int status, String errcode, String message) implements Outcome {
            @Override
            public Optional<Caller> fold(RoutingContext ctx) {
                MatrixErrors.error(ctx, status, errcode, message);
                return Optional.empty();
            }
        }
    }

    /** Judges a request's {@code Authorization} header and {@code user_id} parameter (either may be null). */
    Outcome check(String authorization, String userId) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        if (presented.isEmpty()) {
            return new Outcome.Refused(401, "M_MISSING_TOKEN", "No shared secret: send the bridge's "
                    + "provisioning.shared_secret as 'Authorization: Bearer <secret>'");
        }
        if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            return new Outcome.Refused(401, "M_UNKNOWN_TOKEN", "The bearer token is not this bridge's "
                    + "provisioning.shared_secret; check the value your client is configured with");
        }
        if (userId == null || userId.isBlank()) {
            return new Outcome.Refused(400, "M_MISSING_PARAM", "Name the Matrix user the request acts for with "
                    + "?user_id=@user:server");
        }
        int colon = userId.indexOf(':');
        if (!userId.startsWith("@") || colon < 2 || colon == userId.length() - 1) {
            return new Outcome.Refused(400, "M_INVALID_PARAM", "user_id '" + userId + "' is not a Matrix user id;"
                    + " expected @user:server");
        }
        return new Outcome.Allowed(new Caller(userId, settings.levelOf(userId)));
    }

    /** The caller put in the context by this handler. */
    static Caller caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** A handler that lets through callers with at least {@code level}; others get 403 {@code M_FORBIDDEN}. */
    static Handler<RoutingContext> requires(PermissionLevel level) {
        return ctx -> {
            Caller caller = caller(ctx);
            Optional<String> refusal = refusal(caller, level);
            if (refusal.isPresent()) {
                MatrixErrors.error(ctx, 403, "M_FORBIDDEN", refusal.get());
            } else {
                ctx.next();
            }
        };
    }

    /** Why {@code caller} may not use an endpoint that needs {@code level}; empty when they may. */
    static Optional<String> refusal(Caller caller, PermissionLevel level) {
        if (caller.level().atLeast(level)) {
            return Optional.empty();
        }
        return Optional.of(caller.userId() + " has the permission level " + name(caller.level())
                + " on this bridge, but this needs " + name(level) + " or higher; the bridge admin can grant it in"
                + " bridge.permissions");
    }

    private static String name(PermissionLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
