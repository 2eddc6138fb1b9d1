package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A TDLib object as JSON: every record here is one constructor of {@code td_api.tl} (its {@code @JsonTypeName}),
 * with only the fields the bridge uses, named as in the schema (snake_case). TL {@code int64} fields are JSON
 * strings (annotated {@code @JsonFormat(shape = STRING)}), {@code int53} are numbers, {@code bytes} are base64.
 * {@code TdSchemaTest} checks every record against the schema of the TDLib commit the connector ships.
 * Sealed interfaces are TL's abstract types (an {@code AuthorizationState} is one of its constructors); an unknown
 * constructor of one reads as {@code null}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
public interface TdObject {
}
