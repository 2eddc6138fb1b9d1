package dev.passerelle.core.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.appservice.MatrixErrors;
import dev.passerelle.core.bridge.Network;
import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.LoginSummary;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.ResolvedIdentifier;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code resolve_identifier/{id}} and {@code create_dm/{id}}: find a network user by phone number or username with
 * the caller's login ({@link NetworkClient.IdentifierResolving}). Creating the DM's portal on demand is not in the
 * engine yet, so {@code create_dm} resolves (creating the chat on the network) and then answers 501 saying so.
 */
final class DirectChatRoutes {

    private final ProvisioningScope scope;
    private final CommandTarget target;

    DirectChatRoutes(ProvisioningScope scope, CommandTarget target) {
        this.scope = scope;
        this.target = target;
    }

    void resolve(RoutingContext ctx) {
        run(ctx, false);
    }

    void createDm(RoutingContext ctx) {
        run(ctx, true);
    }

    private void run(RoutingContext ctx, boolean create) {
        Caller caller = ProvisioningAuth.caller(ctx);
        String identifier = ctx.pathParam("identifier");
        String networkParam = ctx.request().getParam("network");
        String loginParam = ctx.request().getParam("login_id");
        ProvisioningRoutes.answer(ctx, create ? "provisioning create_dm" : "provisioning resolve", () -> {
            Network network = scope.network(networkParam);
            NetworkClient client = client(caller, network, Optional.ofNullable(loginParam));
            if (!(client instanceof NetworkClient.IdentifierResolving resolving)) {
                throw new ProvisioningException(501, "M_UNRECOGNIZED", network.description().displayName()
                        + " cannot look users up by identifier on this bridge");
            }
            Optional<ResolvedIdentifier> found;
            try {
                found = resolving.resolveIdentifier(identifier, create);
            } catch (NetworkException e) {
                throw new ProvisioningException(502, "PASSERELLE.NETWORK_ERROR", network.description().displayName()
                        + " could not look up " + identifier + ": " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new ProvisioningException(404, "M_NOT_FOUND", "No " + network.description().displayName()
                        + " user matches '" + identifier + "'; check the phone number or username");
            }
            ResolvedIdentifier user = found.get();
            if (create) {
                throw new ProvisioningException(501, "PASSERELLE.NOT_IMPLEMENTED", "Found "
                        + user.profile().name().orElse(user.remoteUserId()) + " ("
                        + network.ghostIds().mxid(user.remoteUserId()) + ")"
                        + user.dmChatId().map(c -> " and their chat " + c + " on the network").orElse("")
                        + ", but this bridge cannot create a portal on demand yet: it appears when the first "
                        + "message of that chat arrives");
            }
            ObjectNode out = MatrixErrors.JSON.createObjectNode().put("id", user.remoteUserId())
                    .put("mxid", network.ghostIds().mxid(user.remoteUserId()));
            user.profile().name().ifPresent(n -> out.put("name", n));
            user.dmChatId().ifPresent(c -> out.put("dm_chat_id", c));
            return out;
        });
    }

    private NetworkClient client(Caller caller, Network network, Optional<String> loginId)
            throws ProvisioningException {
        List<LoginSummary> mine = target.logins(network.id(), caller.userId());
        Optional<LoginSummary> chosen = loginId.isPresent()
                ? mine.stream().filter(l -> l.loginId().equals(loginId.get())).findFirst()
                : mine.stream().findFirst();
        if (chosen.isEmpty()) {
            throw new ProvisioningException(404, "M_NOT_FOUND", loginId.isPresent()
                    ? caller.userId() + " has no " + network.id() + " login " + loginId.get()
                    : caller.userId() + " is not logged in to " + network.description().displayName()
                    + "; log in first");
        }
        return target.client(network.id(), chosen.get().loginId()).orElseThrow(() -> new ProvisioningException(
                503, "PASSERELLE.LOGIN_NOT_LOADED", "The " + network.id() + " login " + chosen.get().loginId()
                + " is stored but not running on this bridge now; try again in a moment"));
    }
}
