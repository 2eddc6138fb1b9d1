package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("importedContact")
public record ImportedContact(String phoneNumber, String firstName, String lastName) implements TdObject {
}
