package dev.passerelle.core.bridge;

import dev.passerelle.core.config.NamespaceClaim;
import dev.passerelle.core.spi.NetworkDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The registration namespaces the enabled networks need: each network's bot and its ghosts (users), and its portal
 * aliases, all exclusive. Pure.
 *
 * @param users   bot and ghost claims, network by network
 * @param aliases alias claims
 */
public record NetworkNamespaces(List<NamespaceClaim> users, List<NamespaceClaim> aliases) {

    public NetworkNamespaces {
        users = List.copyOf(users);
        aliases = List.copyOf(aliases);
    }

    /** The claims of {@code networks} on {@code domain}; empty lists when there are none. */
    public static NetworkNamespaces of(List<NetworkDescription> networks, String domain) {
        List<NamespaceClaim> users = new ArrayList<>();
        List<NamespaceClaim> aliases = new ArrayList<>();
        for (NetworkDescription n : networks) {
            users.add(NamespaceClaim.user(n.botLocalpart(), domain));
            users.add(NamespaceClaim.usersWithPrefix(n.ghostPrefix(), domain));
            aliases.add(NamespaceClaim.aliasesWithPrefix(n.aliasPrefix(), domain));
        }
        return new NetworkNamespaces(users, aliases);
    }
}
