package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** What a message carries; kinds the bridge does not read are null. */
public sealed interface MessageContent extends TdObject {

    @JsonTypeName("messageText") record Text(TdFormattedText text) implements MessageContent { }

    @JsonTypeName("messagePhoto")
    record Photo(dev.passerelle.telegram.td.api.Photo photo, TdFormattedText caption) implements MessageContent { }

    @JsonTypeName("messageVideo")
    record Video(dev.passerelle.telegram.td.api.Video video, TdFormattedText caption) implements MessageContent { }

    @JsonTypeName("messageAnimation")
    record Animation(dev.passerelle.telegram.td.api.Animation animation, TdFormattedText caption)
            implements MessageContent { }

    @JsonTypeName("messageAudio")
    record Audio(dev.passerelle.telegram.td.api.Audio audio, TdFormattedText caption) implements MessageContent { }

    @JsonTypeName("messageDocument")
    record Document(dev.passerelle.telegram.td.api.Document document, TdFormattedText caption)
            implements MessageContent { }

    @JsonTypeName("messageVoiceNote")
    record VoiceNote(dev.passerelle.telegram.td.api.VoiceNote voiceNote, TdFormattedText caption)
            implements MessageContent { }

    @JsonTypeName("messageVideoNote")
    record VideoNote(dev.passerelle.telegram.td.api.VideoNote videoNote) implements MessageContent { }

    @JsonTypeName("messageSticker")
    record Sticker(dev.passerelle.telegram.td.api.Sticker sticker) implements MessageContent { }

    @JsonTypeName("messageLocation") record Location(TdLocation location) implements MessageContent { }

    @JsonTypeName("messageVenue") record Venue(dev.passerelle.telegram.td.api.Venue venue) implements MessageContent { }

    @JsonTypeName("messageContact")
    record Contact(dev.passerelle.telegram.td.api.Contact contact) implements MessageContent { }

    @JsonTypeName("messageDice") record Dice(String emoji, int value) implements MessageContent { }

    @JsonTypeName("messageChatChangeTitle") record ChatChangeTitle(String title) implements MessageContent { }

    @JsonTypeName("messageChatAddMembers")
    record ChatAddMembers(List<Long> memberUserIds) implements MessageContent { }

    @JsonTypeName("messageChatJoinByLink") record ChatJoinByLink() implements MessageContent { }

    @JsonTypeName("messageChatDeleteMember") record ChatDeleteMember(long userId) implements MessageContent { }

    @JsonTypeName("messagePinMessage") record PinMessage(long messageId) implements MessageContent { }

    @JsonTypeName("messageChatUpgradeTo") record ChatUpgradeTo(long supergroupId) implements MessageContent { }

    /** The first message of a supergroup that was a basic group. */
    @JsonTypeName("messageChatUpgradeFrom")
    record ChatUpgradeFrom(String title, long basicGroupId) implements MessageContent { }

    @JsonTypeName("messagePoll") record Poll(TdPoll poll) implements MessageContent { }

    @JsonTypeName("messageForumTopicCreated") record ForumTopicCreated(String name) implements MessageContent { }

    /** A one-to-one call; {@code discardReason} is absent while it is still going on. */
    @JsonTypeName("messageCall")
    record Call(boolean isVideo, CallDiscardReason discardReason, int duration) implements MessageContent { }

    @JsonTypeName("messageVideoChatStarted") record VideoChatStarted() implements MessageContent { }

    @JsonTypeName("messageVideoChatEnded") record VideoChatEnded(int duration) implements MessageContent { }
}
