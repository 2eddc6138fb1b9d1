package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * One value a {@link LoginStep.UserInput} asks for.
 *
 * @param id          the key in the map given to {@link LoginProcess#submit}
 * @param kind        what it is, which decides how it is handled: a {@link Kind#PASSWORD} or {@link Kind#CODE}
 *                    answer is redacted from the management room after reading and never logged
 * @param name        short label ({@code Phone number})
 * @param description help text, e.g. the password hint
 * @param pattern     a regular expression the value must match, checked before it reaches the connector
 */
public record InputField(String id, Kind kind, String name, String description, Optional<String> pattern) {

    public enum Kind { PHONE_NUMBER, USERNAME, CODE, PASSWORD, TOKEN, COOKIES, URL, TEXT }

    /** Whether the value is a secret: never logged, redacted from the room once read. */
    public boolean isSecret() {
        return kind == Kind.PASSWORD || kind == Kind.CODE || kind == Kind.TOKEN || kind == Kind.COOKIES;
    }
}
