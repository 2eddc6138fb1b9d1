package dev.passerelle.testnet;

import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.SentMessage;

/**
 * One call the bridge made on a {@link TestNetworkClient} that the network accepted, as {@link TestLogin#sent()}
 * lists them. Refused calls ({@link TestLogin#failNextSend}, disconnected, revoked) are not recorded.
 */
public sealed interface SentCall {

    /** {@code sendMessage}; media bytes in {@code message} were read at send time, so they can be opened again. */
    record SendMessage(OutgoingMessage message, SentMessage result) implements SentCall {
    }

    record SendEdit(OutgoingEdit edit) implements SentCall {
    }

    record SendReaction(OutgoingReaction reaction) implements SentCall {
    }

    record RemoveReaction(OutgoingReaction reaction) implements SentCall {
    }

    record DeleteMessage(MessageTarget target) implements SentCall {
    }

    record MarkRead(MessageTarget upTo) implements SentCall {
    }

    record SetTyping(String chatId, boolean typing) implements SentCall {
    }
}
