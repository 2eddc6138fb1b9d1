package dev.passerelle.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.appservice.AppserviceHttpTest;
import dev.passerelle.testkit.db.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandlerDiscoveryTest extends AppserviceHttpTest {

    @Test
    void handlersFromServiceLoaderProvidersReceiveEventsAndTheBridgeServices() {
        start(TestDatabases.sqlite());
        String body = IntakeFixtures.txn(IntakeFixtures.eventOfType("!r:example.org", "$via-provider",
                ServiceLoadedHandlerProvider.TYPE));
        assertEquals(200, putTransaction("provider-1", body).status());
        until(Duration.ofSeconds(10), "the provided handler to see the event",
                () -> ServiceLoadedHandlerProvider.SEEN.contains("$via-provider@example.org"));
    }
}
