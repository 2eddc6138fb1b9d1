package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Where in a chat a message belongs: a forum topic, or a comment thread; kinds the bridge does not read are null. */
public sealed interface MessageTopic extends TdObject {

    @JsonTypeName("messageTopicThread") record Thread(long messageThreadId) implements MessageTopic { }

    @JsonTypeName("messageTopicForum") record Forum(int forumTopicId) implements MessageTopic { }
}
