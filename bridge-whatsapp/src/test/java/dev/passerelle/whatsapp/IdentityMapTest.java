package dev.passerelle.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.spi.MemoryConnectorStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityMapTest {

    private static final String PN = "33600000002@s.whatsapp.net";
    private static final String LID = "987654321012345@lid";

    @Test
    void aPersonSeenFirstByLidWithTheirNumberIsNamedByTheNumber() {
        IdentityMap map = new IdentityMap(new MemoryConnectorStore());
        assertEquals("33600000002", map.resolve(LID, Optional.of(PN)));
        assertEquals("33600000002", map.resolve(LID, Optional.empty()));
        assertEquals("33600000002", map.resolve("33600000002:12@s.whatsapp.net", Optional.empty()), "device ignored");
    }

    @Test
    void theFirstIdStaysWhenTheOtherIsLearnedLaterAndSurvivesARestart() {
        MemoryConnectorStore store = new MemoryConnectorStore();
        IdentityMap map = new IdentityMap(store);
        assertEquals("lid-987654321012345", map.resolve(LID, Optional.empty()));
        map.learn(LID, PN);
        assertEquals("lid-987654321012345", map.resolve(PN, Optional.empty()));
        assertEquals("lid-987654321012345", new IdentityMap(store).resolve(PN, Optional.empty()), "from the store");
    }

    @Test
    void twoAlreadyBridgedIdsAreNotSilentlyRebound() {
        IdentityMap map = new IdentityMap(new MemoryConnectorStore());
        assertEquals("33600000002", map.resolve(PN, Optional.empty()));
        assertEquals("lid-987654321012345", map.resolve(LID, Optional.empty()));
        map.learn(LID, PN);
        map.resolve(LID, Optional.of(PN));
        assertEquals("33600000002", map.resolve(PN, Optional.empty()));
        assertEquals("lid-987654321012345", map.resolve(LID, Optional.empty()));
    }

    @Test
    void remoteIdsAndJidsRoundTrip() {
        assertEquals(PN, WhatsAppIds.jidOf("33600000002"));
        assertEquals(LID, WhatsAppIds.jidOf("lid-987654321012345"));
        assertEquals("120363@g.us", WhatsAppIds.chatJid("120363@g.us"));
        assertEquals(Optional.of("33612345678"), WhatsAppIds.phoneDigits("+33 6 12-34-56-78"));
        assertEquals(Optional.empty(), WhatsAppIds.phoneDigits("hello"));
    }
}
