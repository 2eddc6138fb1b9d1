package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A request failed: {@code code} is HTTP-like (400 bad request, 401 unauthorised, 420/429 flood...). */
@JsonTypeName("error")
public record TdError(int code, String message) implements TdObject {
}
