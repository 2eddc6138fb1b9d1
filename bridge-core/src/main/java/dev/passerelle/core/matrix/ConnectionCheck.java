package dev.passerelle.core.matrix;

/**
 * What {@link MatrixClient#checkConnection()} found.
 *
 * @param capabilities what the homeserver advertises
 * @param botUserId    who the as_token acts as, per {@code whoami}
 * @param ping         whether the homeserver could reach the bridge back
 */
public record ConnectionCheck(HomeserverCapabilities capabilities, String botUserId, PingResult ping) {

    /** The outcome of the appservice ping (the homeserver calling the bridge's {@code /_matrix/app/v1/ping}). */
    public sealed interface PingResult {
        /** The homeserver reached the bridge. */
        record Reached(long durationMs) implements PingResult {
        }

        /** The homeserver has no ping endpoint (before Matrix 1.7); nothing was learned. */
        record NotSupported() implements PingResult {
        }

        /**
         * The homeserver could not reach the bridge ({@code M_CONNECTION_FAILED}, {@code M_BAD_STATUS},
         * {@code M_URL_NOT_SET}...): check the registration's {@code url} and the bridge's listener.
         */
        record Failed(String errcode, String error) implements PingResult {
        }
    }
}
