package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NetworkDescription;

/**
 * A started connector and its Matrix-side identity.
 *
 * @param connector the connector, already started
 * @param ghostIds  its ghost id mapping
 * @param botUserId its bot's Matrix id, {@code @<botLocalpart>:<domain>}
 */
public record Network(NetworkConnector connector, GhostIds ghostIds, String botUserId) {

    static Network of(NetworkConnector connector, String domain) {
        NetworkDescription d = connector.description();
        return new Network(connector, new GhostIds(d.ghostPrefix(), domain), "@" + d.botLocalpart() + ":" + domain);
    }

    public String id() {
        return connector.id();
    }

    public NetworkDescription description() {
        return connector.description();
    }

    public NetworkCapabilities capabilities() {
        return connector.capabilities();
    }
}
