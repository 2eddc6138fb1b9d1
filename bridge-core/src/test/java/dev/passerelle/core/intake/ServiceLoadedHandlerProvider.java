package dev.passerelle.core.intake;

import dev.passerelle.core.BridgeServices;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider on the test class path (META-INF/services), as a connector or a test would ship one. Its handler
 * notes only events of type {@link #TYPE}, so it stays out of the other tests' way.
 */
public final class ServiceLoadedHandlerProvider implements InboundEventHandlerProvider {

    static final String TYPE = "dev.passerelle.test.service_loaded";
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public InboundEventHandler create(BridgeServices services) {
        String domain = services.config().homeserver().domain();
        return event -> {
            if (event.type().equals(TYPE)) {
                SEEN.add(event.eventId() + "@" + domain);
            }
        };
    }
}
