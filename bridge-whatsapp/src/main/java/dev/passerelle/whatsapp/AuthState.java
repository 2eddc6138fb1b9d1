package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the sidecar's auth-state requests from the connector store: Baileys' creds and signal keys, by session
 * (the session id is the login id, or {@code login-<uuid>} while a login is being linked). Values are Baileys'
 * JSON, kept as the sidecar sent them; the store encrypts them.
 */
final class AuthState {

    private final ConnectorStore store;

    AuthState(ConnectorStore store) {
        this.store = store;
    }

    JsonNode serve(String method, JsonNode params) throws SidecarException {
        String session = params.path("session").asText("");
        if (session.isEmpty()) {
            throw new SidecarException("BAD_REQUEST", method + " needs a session");
        }
        return switch (method) {
            case "state.get" -> {
                List<String> names = new ArrayList<>();
                params.path("names").forEach(n -> names.add(n.asText()));
                Map<String, byte[]> found = store.getAll(session, names);
                ObjectNode values = JsonNodeFactory.instance.objectNode();
                for (String name : names) {
                    byte[] value = found.get(name);
                    if (value == null) {
                        values.putNull(name);
                    } else {
                        values.put(name, new String(value, StandardCharsets.UTF_8));
                    }
                }
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.set("values", values);
                yield result;
            }
            case "state.set" -> {
                Map<String, Optional<byte[]>> changes = new LinkedHashMap<>();
                params.path("values").properties().forEach(e -> changes.put(e.getKey(), e.getValue().isNull()
                        ? Optional.empty() : Optional.of(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
                store.update(session, changes);
                yield JsonNodeFactory.instance.objectNode();
            }
            case "state.clear" -> {
                store.deleteLogin(session);
                yield JsonNodeFactory.instance.objectNode();
            }
            default -> throw new SidecarException("UNKNOWN_METHOD", "the bridge serves no " + method);
        };
    }

    /** Moves a linked session's state to its login (after linking: {@code login-<uuid>} → the login id). */
    void move(String fromSession, String toLogin) {
        Map<String, byte[]> all = store.listByPrefix(fromSession, "");
        store.deleteLogin(toLogin);
        Map<String, Optional<byte[]>> changes = new LinkedHashMap<>();
        all.forEach((name, value) -> changes.put(name, Optional.of(value)));
        store.update(toLogin, changes);
        store.deleteLogin(fromSession);
    }

    void forget(String session) {
        store.deleteLogin(session);
    }
}
