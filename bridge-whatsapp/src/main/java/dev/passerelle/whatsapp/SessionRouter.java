package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.whatsapp.sidecar.SidecarEvent;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what the sidecar says to whoever owns the session it concerns (a client, or a login being linked), serves
 * its auth-state requests, and has every session reopened after the sidecar restarted.
 */
final class SessionRouter implements SidecarProcess.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRouter.class);

    /** A client or a login in progress. */
    interface Owner {
        /** An event of its session, in the sidecar's order; on its reader thread, so only short blocking. */
        void onEvent(SidecarEvent event);

        /** The sidecar restarted: open the session again (on a thread of its own; may block). */
        void reopen();
    }

    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    private final AuthState authState;
    private final IdentityMap identities;
    private final Contacts contacts;

    SessionRouter(AuthState authState, IdentityMap identities, Contacts contacts) {
        this.authState = authState;
        this.identities = identities;
        this.contacts = contacts;
    }

    void register(String session, Owner owner) {
        owners.put(session, owner);
    }

    void unregister(String session, Owner owner) {
        owners.remove(session, owner);
    }

    @Override
    public void onEvent(SidecarEvent event) {
        JsonNode data = event.data();
        switch (event.event()) {
            // Network facts, whichever session heard them: learned once for every login, before what follows.
            case "lid_mapping" -> identities.learn(data.path("lid").asText(), data.path("pn").asText());
            case "contact" -> contacts.learn(data);
            default -> {
                Optional<Owner> owner = event.session().map(owners::get);
                if (owner.isPresent()) {
                    owner.get().onEvent(event);
                } else {
                    LOG.debug("WhatsApp sidecar event {} for session {} that nobody owns; ignored", event.event(),
                            event.session().orElse("(none)"));
                }
            }
        }
    }

    @Override
    public JsonNode onRequest(String method, JsonNode params) throws SidecarException {
        return authState.serve(method, params);
    }

    @Override
    public void onRestart() {
        LOG.info("WhatsApp sidecar restarted: reopening {} session(s)", owners.size());
        owners.values().forEach(o -> Thread.ofVirtual().name("whatsapp-reopen").start(o::reopen));
    }
}
