package dev.passerelle.messenger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Page's webhooks do not say again and the bridge needs: the Page's recent messages per conversation (a
 * {@code read} event gives only a time, the receipt needs the message it reaches), the emoji of each reaction (an
 * {@code unreact} may come without it), and the reactions the bridge itself sent (not bridged back). In memory and
 * bounded; after a restart a read of an older message is not shown, which costs nothing but a receipt.
 */
final class ConversationMemory {

    private static final int PER_CHAT = 64;
    private static final int MAX_ENTRIES = 50_000;

    private record PageMessage(String mid, Instant time) {
    }

    private final Map<String, Deque<PageMessage>> pageMessages = new ConcurrentHashMap<>();
    private final Map<String, String> reactions = new ConcurrentHashMap<>();
    private final Set<String> ownReactions = ConcurrentHashMap.newKeySet();

    /** The Page sent {@code mid} in {@code chat} at {@code time}. */
    void pageMessage(String chat, String mid, Instant time) {
        Deque<PageMessage> recent = pageMessages.computeIfAbsent(chat, c -> new ArrayDeque<>());
        synchronized (recent) {
            if (recent.stream().noneMatch(m -> m.mid().equals(mid))) {
                recent.addLast(new PageMessage(mid, time));
                while (recent.size() > PER_CHAT) {
                    recent.removeFirst();
                }
            }
        }
    }

    /** The Page's latest message in {@code chat} sent at or before {@code watermark}. */
    Optional<String> lastPageMessageUpTo(String chat, Instant watermark) {
        Deque<PageMessage> recent = pageMessages.get(chat);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            return recent.stream().filter(m -> !m.time().isAfter(watermark))
                    .max(Comparator.comparing(PageMessage::time)).map(PageMessage::mid);
        }
    }

    void reacted(String mid, String sender, String emoji) {
        if (reactions.size() > MAX_ENTRIES) {
            reactions.clear();
        }
        reactions.put(mid + "|" + sender, emoji);
    }

    /** The emoji {@code sender} had on {@code mid}, forgotten now that it is taken back. */
    Optional<String> unreacted(String mid, String sender) {
        return Optional.ofNullable(reactions.remove(mid + "|" + sender));
    }

    /** The bridge sent this reaction for the Page; its webhook echo is not bridged back. */
    void ownReaction(String mid, String emoji) {
        if (ownReactions.size() > MAX_ENTRIES) {
            ownReactions.clear();
        }
        ownReactions.add(mid + "|" + emoji);
    }

    boolean isOwnReaction(String mid, String emoji) {
        return ownReactions.contains(mid + "|" + emoji);
    }

    void ownReactionRemoved(String mid, String emoji) {
        ownReactions.remove(mid + "|" + emoji);
    }
}
