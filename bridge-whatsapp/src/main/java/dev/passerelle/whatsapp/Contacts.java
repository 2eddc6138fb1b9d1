package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names WhatsApp tells about people (push names, contact names), by remote id, kept network-wide in the connector
 * store so that ghosts keep their names across restarts.
 */
final class Contacts {

    private static final String PREFIX = "name/";

    private final ConnectorStore store;
    private final IdentityMap identities;
    // Every message carries its sender's push name: answered from memory, written only when it changes.
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Contacts(ConnectorStore store, IdentityMap identities) {
        this.store = store;
        this.identities = identities;
    }

    /** A {@code contact} event: {id, lid?, pn?, name?}. */
    void learn(JsonNode contact) {
        String id = contact.path("id").asText("");
        if (id.isEmpty() || WhatsAppIds.isGroup(id)) {
            return;
        }
        String lid = contact.path("lid").asText("");
        String pn = contact.path("pn").asText("");
        if (!lid.isEmpty() && !pn.isEmpty()) {
            identities.learn(lid, pn);
        }
        String name = contact.path("name").asText("");
        if (!name.isEmpty()) {
            remember(identities.resolve(id, Optional.of(lid.isEmpty() ? pn : lid).filter(s -> !s.isEmpty())), name);
        }
    }

    void remember(String remoteId, String name) {
        if (!name.isBlank() && !name.equals(nameOf(remoteId).orElse(""))) {
            store.put("", PREFIX + remoteId, name.getBytes(StandardCharsets.UTF_8));
            cache.put(remoteId, name);
        }
    }

    Optional<String> nameOf(String remoteId) {
        String cached = cache.get(remoteId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = store.get("", PREFIX + remoteId).map(b -> new String(b, StandardCharsets.UTF_8));
        stored.ifPresent(n -> cache.put(remoteId, n));
        return stored;
    }
}
