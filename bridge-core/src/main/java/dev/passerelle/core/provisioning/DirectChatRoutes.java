package dev.passerelle.core.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.appservice.MatrixErrors;
import dev.passerelle.core.bridge.Network;
import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.LoginSummary;
import dev.passerelle.core.command.DirectChat;
import dev.passerelle.core.command.DirectChatException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code resolve_identifier/{id}} and {@code create_dm/{id}}: find a network user by phone number or username with
 * the caller's login; {@code create_dm} also opens the DM and its portal (or answers the existing one). Both answer
 * as the mautrix bridges do: {@code id}, {@code name}, {@code mxid} (the ghost) and {@code dm_room_mxid} when the
 * portal exists.
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
            String loginId = login(caller, network, Optional.ofNullable(loginParam));
            DirectChat chat;
            try {
                chat = target.directChat(network.id(), loginId, identifier, create);
            } catch (DirectChatException e) {
                throw switch (e.reason()) {
                    case UNSUPPORTED -> new ProvisioningException(501, "M_UNRECOGNIZED", e.getMessage());
                    case NOT_FOUND -> new ProvisioningException(404, "M_NOT_FOUND", e.getMessage());
                    case NOT_LOADED -> new ProvisioningException(503, "PASSERELLE.LOGIN_NOT_LOADED", e.getMessage());
                    case NETWORK -> new ProvisioningException(502, "PASSERELLE.NETWORK_ERROR", e.getMessage());
                };
            }
            ObjectNode out = MatrixErrors.JSON.createObjectNode().put("id", chat.remoteUserId())
                    .put("mxid", chat.ghostUserId());
            chat.name().ifPresent(n -> out.put("name", n));
            chat.roomId().ifPresent(r -> out.put("dm_room_mxid", r));
            if (create) {
                out.put("just_created", chat.created());
            }
            return out;
        });
    }

    private String login(Caller caller, Network network, Optional<String> loginId) throws ProvisioningException {
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
        return chosen.get().loginId();
    }
}
