package dev.passerelle.core.config;

/**
 * Relay mode ({@code bridge.relay}).
 *
 * @param messageFormat how a relayed message reads on the network: Matrix HTML with {@code {name}} (the sender's
 *                      display name), {@code {mxid}} (their user id) and {@code {message}} (their text, exactly once)
 */
public record RelaySettings(String messageFormat) {

    /** The sender's name in bold, a colon, then the message. */
    public static final String DEFAULT_FORMAT = "<b>{name}</b>: {message}";

    public static RelaySettings defaults() {
        return new RelaySettings(DEFAULT_FORMAT);
    }
}
