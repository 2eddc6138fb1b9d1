package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.ALICE;
import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.passerelle.core.config.BackfillSettings;
import dev.passerelle.core.config.RelaySettings;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The bridge options a user may set: the relay message format and the backfill limit of new portals. */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
class BridgeOptionsTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    private static final String DAVE = "@dave:example.org";

    @TempDir
    Path dir;
    private EngineBed bed;
    private TestLogin alice;

    @BeforeEach
    void start() throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", EngineBed.ALICE_PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003"));
        bed = new EngineBed(dir, homeserver);
        bed.bridgeOptions(new RelaySettings("{message} <i>({name})</i>"), new BackfillSettings(2));
        bed.start();
        bed.login(ALICE, EngineBed.ALICE_PHONE);
        alice = TestNetwork.login("alice");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aNewPortalStartsWithTheConfiguredNumberOfEarlierMessages() {
        alice.messageWhileAway("carol", "carol", "early 1");
        alice.messageWhileAway("carol", "carol", "early 2");
        alice.messageWhileAway("carol", "carol", "early 3");
        alice.message("carol", "carol", "new");
        bed.awaitMessage("carol", "new");
        alice.message("carol", "carol", "after");
        bed.awaitMessage("carol", "after");
        String room = bed.portalRoom("carol").orElseThrow();
        assertEquals(List.of("early 3", "new", "after"), bed.events(room, "m.room.message").stream()
                .map(e -> e.path("content").path("body").asText()).toList());
    }

    @Test
    void relayedMessagesUseTheConfiguredFormat() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        bed.homeserver.sendAs(DAVE, room, "m.room.member", Optional.of(DAVE),
                JSON.createObjectNode().put("membership", "join").put("displayname", "Dave"));
        bed.say(ALICE, room, "!tn set-relay");
        bed.awaitNotice(room, "Relay mode is on");

        bed.say(DAVE, room, "hello");
        until("the relayed message", () -> sent().stream().anyMatch(m -> m.relayedBy().isPresent()),
                () -> alice.sent().toString());
        OutgoingMessage relayed = sent().stream().filter(m -> m.relayedBy().isPresent()).findFirst().orElseThrow();
        assertEquals(FormattedText.of("hello (Dave)", new Entity(6, 6, EntityType.ITALIC)),
                assertInstanceOf(MessageContent.Text.class, relayed.content()).text());
    }

    private List<OutgoingMessage> sent() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.SendMessage)
                .map(c -> ((SentCall.SendMessage) c).message()).toList();
    }
}
