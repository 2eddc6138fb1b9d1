package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Optional;

/** A Telegram user; {@code usernames} is null when they have none. */
@JsonTypeName("user")
public record User(long id, String firstName, String lastName, Usernames usernames, String phoneNumber,
                   ProfilePhoto profilePhoto, UserType type) implements TdObject {

    /** First and last name as Telegram shows them. */
    public String displayName() {
        return (firstName + " " + lastName).strip();
    }

    public Optional<String> username() {
        return usernames == null || usernames.activeUsernames() == null || usernames.activeUsernames().isEmpty()
                ? Optional.empty() : Optional.of(usernames.activeUsernames().getFirst());
    }
}
