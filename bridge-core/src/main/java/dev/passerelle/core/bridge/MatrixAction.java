package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.store.PortalRow;
import java.util.Optional;

/**
 * A Matrix user's event in a portal, with the login that carries it to the network.
 *
 * @param network the portal's network
 * @param portal  the portal, with its room
 * @param login   the sender's login on that network
 * @param event     the event as the intake handed it
 * @param relayedBy when {@code login} is the portal's relay login acting for a sender without a login: the
 *                  sender's display name, put in front of what is sent; empty when the sender's own login acts
 */
record MatrixAction(Network network, PortalRow portal, ActiveLogin login, InboundEvent event,
                    Optional<String> relayedBy) {

    /** An action of the sender's own login. */
    MatrixAction(Network network, PortalRow portal, ActiveLogin login, InboundEvent event) {
        this(network, portal, login, event, Optional.empty());
    }

    String roomId() {
        return event.roomId();
    }

    String eventId() {
        return event.eventId();
    }

    String chatId() {
        return portal.key().chatId();
    }

    JsonNode content() {
        return event.json().path("content");
    }

    /** The network's name as users know it, for messages they read. */
    String networkName() {
        return network.description().displayName();
    }
}
