package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("location")
public record TdLocation(double latitude, double longitude) implements TdObject {
}
