package dev.passerelle.core.bridge;

import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.spi.NetworkConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the network connectors on the class path ({@link ServiceLoader}) and picks those the config enables (a
 * section under {@code networks:}). Instantiates connectors; does not start them.
 */
public final class Networks {

    private Networks() {
    }

    /** Every connector on the class path, by id; empty when none ships. */
    public static Map<String, NetworkConnector> found() {
        Map<String, NetworkConnector> byId = new TreeMap<>();
        for (NetworkConnector c : ServiceLoader.load(NetworkConnector.class)) {
            NetworkConnector before = byId.putIfAbsent(c.id(), c);
            if (before != null) {
                throw new IllegalStateException("Two network connectors have the id \"" + c.id() + "\": "
                        + before.getClass().getName() + " and " + c.getClass().getName()
                        + ". Remove one of them from the class path.");
            }
        }
        return byId;
    }

    /** The example config section of every connector on the class path, by id (see {@link NetworkConnector#exampleConfig()}). */
    public static Map<String, String> exampleSections() {
        Map<String, String> sections = new TreeMap<>();
        found().forEach((id, connector) -> sections.put(id, connector.exampleConfig()));
        return sections;
    }

    /**
     * The connectors with a section under {@code networks:}, in config order; empty when none is enabled.
     *
     * @throws IllegalStateException when a section names no connector on the class path; the message lists those
     *                               found
     */
    public static List<NetworkConnector> enabled(PasserelleConfig config) {
        Map<String, NetworkConnector> found = found();
        List<NetworkConnector> enabled = new ArrayList<>();
        if (config.networks() == null) {
            return enabled;
        }
        for (String id : config.networks().keySet()) {
            NetworkConnector c = found.get(id);
            if (c == null) {
                throw new IllegalStateException("networks." + id + " is configured, but no connector with the id \""
                        + id + "\" is on the class path (found: " + (found.isEmpty() ? "none"
                        : String.join(", ", found.keySet())) + "). Fix the section's name or remove it.");
            }
            enabled.add(c);
        }
        return enabled;
    }
}
