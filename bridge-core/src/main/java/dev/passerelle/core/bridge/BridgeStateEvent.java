package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.store.PortalKey;

/**
 * The MSC2346 bridge info state ({@code m.bridge} and its unstable twin {@code uk.half-shot.bridge}) that tells
 * clients which network and chat a portal room bridges. Pure.
 */
final class BridgeStateEvent {

    static final String TYPE = "m.bridge";
    static final String UNSTABLE_TYPE = "uk.half-shot.bridge";

    private BridgeStateEvent() {
    }

    /** The state key: one per bridged chat, so a room could hold several bridges' info. */
    static String stateKey(PortalKey key) {
        return "dev.passerelle://" + key.network() + "/" + key.chatId();
    }

    static ObjectNode content(ObjectMapper mapper, Network network, PortalKey key, String chatName) {
        ObjectNode c = mapper.createObjectNode();
        c.put("bridgebot", network.botUserId());
        c.put("creator", network.botUserId());
        ObjectNode protocol = c.putObject("protocol");
        protocol.put("id", network.id());
        protocol.put("displayname", network.description().displayName());
        protocol.put("external_url", network.description().networkUrl());
        ObjectNode channel = c.putObject("channel");
        channel.put("id", key.chatId());
        channel.put("displayname", chatName);
        return c;
    }
}
