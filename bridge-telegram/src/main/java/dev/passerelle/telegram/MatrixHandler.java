package dev.passerelle.telegram;

import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.telegram.msgconv.FromMatrix;
import dev.passerelle.telegram.td.api.ChatAction;
import dev.passerelle.telegram.td.api.ChatType;
import dev.passerelle.telegram.td.api.InputMessageReplyTo;
import dev.passerelle.telegram.td.api.Message;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.MessageTopic;
import dev.passerelle.telegram.td.api.ReactionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Matrix → Telegram: sends, edits, reactions, deletions, read receipts and typing of one account. */
final class MatrixHandler {

    /** Uploads of big files take a while; Telegram's answer comes when the upload is done. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofMinutes(10);

    private final Requests requests;
    private final FromMatrix fromMatrix;
    private final OutgoingMessages outgoing;
    private final MessageIds ids;
    private final PollVotes polls;
    private final Directory directory;

    MatrixHandler(Requests requests, FromMatrix fromMatrix, OutgoingMessages outgoing, MessageIds ids,
                  PollVotes polls, Directory directory) {
        this.requests = requests;
        this.fromMatrix = fromMatrix;
        this.outgoing = outgoing;
        this.ids = ids;
        this.polls = polls;
        this.directory = directory;
    }

    SentMessage send(OutgoingMessage message) throws NetworkException {
        long chatId = TelegramIds.chatId(message.chatId());
        InputMessageReplyTo replyTo = message.replyTo().isPresent()
                ? new InputMessageReplyTo.ToMessage(ids.local(chatId, message.replyTo().get().messageId()))
                : null;
        MessageTopic topic = null;
        if (message.threadRoot().isPresent()) {
            long root = ids.local(chatId, message.threadRoot().get().messageId());
            // A forum topic's first message carries the topic: the thread's messages go to it. Elsewhere Telegram
            // has no threads, and the nearest thing is an answer to the thread's first message.
            if (requests.call(new MessageRequest.GetMessage(chatId, root)).topicId() instanceof MessageTopic.Forum f) {
                topic = f;
            } else if (replyTo == null) {
                replyTo = new InputMessageReplyTo.ToMessage(root);
            }
        }
        try (FromMatrix.Outgoing content = message.content() instanceof MessageContent.Poll p
                ? fromMatrix.poll(p, isChannel(chatId)) : fromMatrix.convert(message.content())) {
            Message temporary = requests.call(new MessageRequest.SendMessage(chatId, topic, replyTo,
                    content.content()));
            Message sent = temporary.sendingState() == null ? temporary
                    : outgoing.awaitFinal(temporary.id(), CONFIRM_TIMEOUT);
            return new SentMessage(ids.bridged(sent), Instant.ofEpochSecond(sent.date()));
        }
    }

    /** Channels take anonymous polls only. */
    private boolean isChannel(long chatId) throws NetworkException {
        return directory.chat(chatId).type() instanceof ChatType.Supergroup s && s.isChannel();
    }

    void edit(OutgoingEdit edit) throws NetworkException {
        if (!(edit.newContent() instanceof MessageContent.Text)) {
            throw new NetworkException("Telegram can only edit the text of a message from here", false);
        }
        long chatId = TelegramIds.chatId(edit.target().chatId());
        long messageId = ids.local(chatId, edit.target().messageId());
        outgoing.editing(chatId, messageId);
        try (FromMatrix.Outgoing content = fromMatrix.convert(edit.newContent())) {
            requests.call(new MessageRequest.EditMessageText(chatId, messageId, content.content()));
        } catch (NetworkException e) {
            outgoing.editFailed(chatId, messageId);
            throw e;
        }
    }

    void react(OutgoingReaction reaction) throws NetworkException {
        long chatId = TelegramIds.chatId(reaction.target().chatId());
        requests.call(new MessageRequest.AddMessageReaction(chatId, ids.local(chatId, reaction.target().messageId()),
                new ReactionType.Emoji(reaction.emoji()),
                false, true));
    }

    void unreact(OutgoingReaction reaction) throws NetworkException {
        long chatId = TelegramIds.chatId(reaction.target().chatId());
        requests.call(new MessageRequest.RemoveMessageReaction(chatId,
                ids.local(chatId, reaction.target().messageId()), new ReactionType.Emoji(reaction.emoji())));
    }

    void delete(MessageTarget target) throws NetworkException {
        long chatId = TelegramIds.chatId(target.chatId());
        requests.call(new MessageRequest.DeleteMessages(chatId, List.of(ids.local(chatId, target.messageId())),
                true));
    }

    /** A Matrix vote: option ids are positions ({@code ToMatrix} names them so). */
    void vote(MessageTarget poll, List<String> optionIds) throws NetworkException {
        long chatId = TelegramIds.chatId(poll.chatId());
        long messageId = ids.local(chatId, poll.messageId());
        List<Integer> positions = new java.util.ArrayList<>();
        for (String id : optionIds) {
            positions.add((int) TelegramIds.number(id, "poll option"));
        }
        polls.votedFromMatrix(chatId, messageId, optionIds);
        requests.call(new MessageRequest.SetPollAnswer(chatId, messageId, positions));
    }

    void markRead(MessageTarget upTo) throws NetworkException {
        long chatId = TelegramIds.chatId(upTo.chatId());
        requests.call(new MessageRequest.ViewMessages(chatId, List.of(ids.local(chatId, upTo.messageId())), true));
    }

    void typing(String chatId, boolean typing) throws NetworkException {
        requests.call(new MessageRequest.SendChatAction(TelegramIds.chatId(chatId),
                typing ? new ChatAction.Typing() : new ChatAction.Cancel()));
    }
}
