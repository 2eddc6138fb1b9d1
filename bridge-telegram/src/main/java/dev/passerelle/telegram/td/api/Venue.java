package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("venue")
public record Venue(TdLocation location, String title, String address) implements TdObject {
}
