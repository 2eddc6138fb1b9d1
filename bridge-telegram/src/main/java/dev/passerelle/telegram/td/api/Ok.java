package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The answer of a request that returns nothing. */
@JsonTypeName("ok")
public record Ok() implements TdObject {
}
