package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A chat as this account sees it; {@code photo} is null when it has none. */
@JsonTypeName("chat")
public record Chat(long id, ChatType type, String title, ChatPhotoInfo photo) implements TdObject {
}
