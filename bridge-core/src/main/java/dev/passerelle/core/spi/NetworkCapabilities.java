package dev.passerelle.core.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a network can carry. The engine refuses, with a notice to the Matrix user, what falls outside it instead of
 * handing it to the connector.
 *
 * @param messageKinds   the kinds of message the network accepts from Matrix
 * @param formatting     whether rich text survives (otherwise the plain body is sent)
 * @param maxFileBytes   the largest file the network accepts
 * @param editWindow     how long after sending a message can be edited; empty when never, or no limit is known
 *                       ({@link #edits} says which)
 * @param edits          whether messages can be edited at all
 * @param deleteWindow   like {@code editWindow}, for deleting for everyone
 * @param deletes        whether messages can be deleted for everyone at all
 * @param reactions      whether messages can be reacted to
 * @param maxReactions   how many reactions one user may have on a message (1 on WhatsApp and Messenger)
 */
public record NetworkCapabilities(
        Set<MessageKind> messageKinds,
        boolean formatting,
        long maxFileBytes,
        boolean edits,
        Optional<Duration> editWindow,
        boolean deletes,
        Optional<Duration> deleteWindow,
        boolean reactions,
        int maxReactions) {

    /** What a message can be. */
    public enum MessageKind { TEXT, NOTICE, EMOTE, IMAGE, VIDEO, AUDIO, VOICE, FILE, STICKER, LOCATION, ANIMATION, POLL }
}
