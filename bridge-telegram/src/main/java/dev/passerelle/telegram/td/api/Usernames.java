package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** A user's or chat's public usernames; the first active one is shown. */
@JsonTypeName("usernames")
public record Usernames(List<String> activeUsernames, String editableUsername) implements TdObject {
}
