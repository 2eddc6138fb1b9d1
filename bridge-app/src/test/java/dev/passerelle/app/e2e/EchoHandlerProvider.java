package dev.passerelle.app.e2e;

import dev.passerelle.core.BridgeServices;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.intake.InboundEventHandlerProvider;

/**
 * Puts an {@link EchoHandler} into the bridge processes the end-to-end tests start: it is listed in
 * {@code META-INF/services} of the test classes, which those processes have on their class path (the production
 * jar alone never sees it). The in-process engine tests have the same class path, so the echo is on only where
 * {@link BridgeProcess} asks for it ({@value #SWITCH}); elsewhere it would answer every pushed event as the bot.
 * Called once at start; does not block.
 */
public final class EchoHandlerProvider implements InboundEventHandlerProvider {

    /** The system property that turns the echo on. */
    static final String SWITCH = "passerelle.test.echo";

    @Override
    public InboundEventHandler create(BridgeServices services) {
        if (!Boolean.getBoolean(SWITCH)) {
            return event -> { };
        }
        return new EchoHandler(services.matrix());
    }
}
