package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.Message;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * History for backfill and catch-up with {@code getChatHistory}, which pages from the newest message backwards.
 * Message ids grow within a chat, so "after X" is every message with a greater id, whether X still exists or not.
 */
final class Backfill {

    private static final int PAGE = 100;

    private final Requests requests;
    private final Directory directory;
    private final RemoteEventHandler events;
    private final MessageIds ids;

    Backfill(Requests requests, Directory directory, RemoteEventHandler events, MessageIds ids) {
        this.requests = requests;
        this.directory = directory;
        this.events = events;
        this.ids = ids;
    }

    List<RemoteEvent.Message> fetch(String chatIdText, Optional<HistoryPoint> after, int limit)
            throws NetworkException {
        long chatId = TelegramIds.chatId(chatIdText);
        Chat chat = directory.chat(chatId);
        Optional<Long> afterLocal = after.isPresent()
                ? ids.localIfKnown(chatId, after.get().messageId()) : Optional.of(Long.MIN_VALUE);
        long afterId = afterLocal.orElse(Long.MIN_VALUE);
        // a basic-group message this login never saw (bridged by another member's login): after its time instead;
        // the messages of that second that were bridged already come again under the same ids, and are skipped
        long afterDate = afterLocal.isPresent() ? Long.MIN_VALUE : after.get().time().getEpochSecond();
        List<Message> newestFirst = new ArrayList<>();
        long from = 0;
        paging:
        while (newestFirst.size() < (after.isPresent() ? Integer.MAX_VALUE : limit)) {
            Messages page = requests.call(new MessageRequest.GetChatHistory(chatId, from, 0, PAGE, false));
            if (page.messages() == null || page.messages().isEmpty()) {
                break;
            }
            int before = newestFirst.size();
            for (Message m : page.messages()) {
                if (m.id() <= afterId || m.date() < afterDate) {
                    break paging;
                }
                if (m.id() == from) {
                    continue;
                }
                newestFirst.add(m);
                if (after.isEmpty() && newestFirst.size() >= limit) {
                    break paging;
                }
            }
            if (newestFirst.size() == before) {
                break; // only the message the page started from: the beginning of the chat
            }
            from = page.messages().getLast().id();
        }
        List<RemoteEvent.Message> oldestFirst = new ArrayList<>();
        for (Message m : newestFirst.reversed()) {
            oldestFirst.add(events.toEvent(chat, m));
        }
        if (after.isPresent() && oldestFirst.size() > limit) {
            return oldestFirst.subList(0, limit);
        }
        return oldestFirst;
    }
}
