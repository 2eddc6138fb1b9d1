package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A shared contact; {@code user_id} is 0 when they are not on Telegram. */
@JsonTypeName("contact")
public record Contact(String phoneNumber, String firstName, String lastName, long userId) implements TdObject {
}
