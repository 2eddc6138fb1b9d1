package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What someone is doing in a chat; the other actions (recording, choosing a sticker...) read as null. */
public sealed interface ChatAction extends TdObject {

    @JsonTypeName("chatActionTyping") record Typing() implements ChatAction { }

    @JsonTypeName("chatActionCancel") record Cancel() implements ChatAction { }
}
