package dev.passerelle.app.e2e;

import dev.passerelle.core.BridgeServices;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.intake.InboundEventHandlerProvider;

/**
 * Puts an {@link EchoHandler} into the bridge processes the end-to-end tests start: it is listed in
 * {@code META-INF/services} of the test classes, which those processes have on their class path (the production
 * jar alone never sees it). Called once at start; does not block.
 */
public final class EchoHandlerProvider implements InboundEventHandlerProvider {

    @Override
    public InboundEventHandler create(BridgeServices services) {
        return new EchoHandler(services.matrix());
    }
}
