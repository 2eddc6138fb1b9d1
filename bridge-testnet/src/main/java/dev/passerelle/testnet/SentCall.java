package dev.passerelle.testnet;

import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.SentMessage;
import java.util.List;

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

    /** A vote in a poll; empty {@code optionIds} took the vote back. */
    record Vote(MessageTarget poll, List<String> optionIds) implements SentCall {
    }

    /** {@code remoteUserId} was added to group {@code chatId} (a Matrix invite). */
    record AddMember(String chatId, String remoteUserId) implements SentCall {
    }

    /** {@code remoteUserId} was removed from group {@code chatId} (a Matrix kick or ban). */
    record RemoveMember(String chatId, String remoteUserId, String reason) implements SentCall {
    }
}
