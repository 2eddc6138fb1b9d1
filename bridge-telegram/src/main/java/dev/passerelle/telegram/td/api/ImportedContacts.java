package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** The users found for imported contacts, in order; 0 where a phone number has no Telegram account. */
@JsonTypeName("importedContacts")
public record ImportedContacts(List<Long> userIds) implements TdObject {
}
