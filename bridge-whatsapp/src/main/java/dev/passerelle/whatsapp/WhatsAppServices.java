package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.GhostUserIds;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

/** What the connector's clients and logins share: the sidecar, the session router, identities, names, keys, history, the store, ghosts. */
record WhatsAppServices(SidecarProcess sidecar, SessionRouter router, IdentityMap identities, Contacts contacts,
                        AuthState authState, ChatHistory history, ConnectorStore store,
                        WhatsAppConfig config, GhostUserIds ghosts) {

    /** A chat's picture, downloaded through the sidecar when the engine opens it. */
    MediaSource picture(String session, String url) {
        return () -> {
            try {
                var params = SidecarCalls.params().put("session", session).put("url", url);
                byte[] bytes = Base64.getDecoder().decode(sidecar.call("picture.download", params).path("data").asText());
                return new ByteArrayInputStream(bytes);
            } catch (SidecarException e) {
                throw new IOException("Could not download the group's picture from WhatsApp: " + e.getMessage(), e);
            }
        };
    }

    /** A message's media, downloaded through the sidecar when the engine opens it. */
    MediaSource media(String session, String raw) {
        return () -> {
            try {
                var params = SidecarCalls.params().put("session", session).put("raw", raw);
                byte[] bytes = Base64.getDecoder().decode(sidecar.call("media.download", params).path("data").asText());
                return new ByteArrayInputStream(bytes);
            } catch (SidecarException e) {
                throw new IOException("Could not download the file from WhatsApp: " + e.getMessage(), e);
            }
        };
    }
}
