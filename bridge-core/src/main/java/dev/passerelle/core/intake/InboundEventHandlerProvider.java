package dev.passerelle.core.intake;

import dev.passerelle.core.BridgeServices;

/**
 * Contributes an {@link InboundEventHandler} found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.passerelle.core.intake.InboundEventHandlerProvider}. Called once at start, before
 * any event is dispatched; may block.
 */
public interface InboundEventHandlerProvider {

    InboundEventHandler create(BridgeServices services);
}
