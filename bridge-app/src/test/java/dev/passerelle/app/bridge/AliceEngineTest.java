package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The world most engine tests start from ({@link EngineBed#withAliceLoggedIn}), once against each homeserver
 * generation (acceptance 7 of the engine): a subclass only writes its tests, and may add to the set-up in its own
 * {@code @BeforeEach}, which runs after this one.
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
abstract class AliceEngineTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    @TempDir
    Path dir;
    EngineBed bed;
    /** Alice's account on the test network, to script what it receives and read what the bridge sent. */
    TestLogin alice;

    @BeforeEach
    void startWithAliceLoggedIn() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
        alice = TestNetwork.login("alice");
    }

    @AfterEach
    void closeBed() {
        bed.close();
    }

    /** The messages the bridge sent on Alice's network account, oldest first. */
    List<OutgoingMessage> sentMessages() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.SendMessage)
                .map(c -> ((SentCall.SendMessage) c).message()).toList();
    }

    /** Waits for a message whose text (or caption) is {@code text} on Alice's network account; returns it. */
    OutgoingMessage awaitSent(String text) {
        until("'" + text + "' on the network", () -> sentMessages().stream().anyMatch(m -> textOf(m).equals(text)),
                () -> alice.sent().toString());
        return sentMessages().stream().filter(m -> textOf(m).equals(text)).findFirst().orElseThrow();
    }

    /** The text of a sent message, or its caption; empty for other content. */
    static String textOf(OutgoingMessage m) {
        return switch (m.content()) {
            case MessageContent.Text t -> t.text().text();
            case MessageContent.Media media -> media.caption().text();
            default -> "";
        };
    }

    /** The content of a plain {@code m.text} message. */
    static ObjectNode text(String body) {
        return EngineBed.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    }
}
