package dev.passerelle.core.provisioning;

import dev.passerelle.core.bridge.Network;
import java.util.Map;

/**
 * What the API serves: the enabled networks, and facts it reports about the bridge.
 *
 * @param networks         the enabled networks by id, in config order
 * @param homeserverDomain the homeserver's server name
 * @param commandPrefix    {@code bridge.command_prefix}
 */
record ProvisioningScope(Map<String, Network> networks, String homeserverDomain, String commandPrefix) {

    /**
     * The network a request names with {@code ?network=} ({@code param}, may be null), or the only one enabled.
     *
     * @throws ProvisioningException 400 when several are enabled and none or an unknown one is named
     */
    Network network(String param) throws ProvisioningException {
        if (param == null || param.isBlank()) {
            if (networks.size() == 1) {
                return networks.values().iterator().next();
            }
            throw new ProvisioningException(400, "M_INVALID_PARAM", networks.isEmpty()
                    ? "No network is enabled on this bridge; add one under networks: in its config"
                    : "Several networks are enabled; say which with ?network= (one of "
                    + String.join(", ", networks.keySet()) + ")");
        }
        Network n = networks.get(param);
        if (n == null) {
            throw new ProvisioningException(400, "M_INVALID_PARAM", "Network '" + param + "' is not enabled here;"
                    + " use one of " + (networks.isEmpty() ? "(none)" : String.join(", ", networks.keySet())));
        }
        return n;
    }
}
