package dev.passerelle.core.config;

/**
 * How the homeserver and the bridge reach and trust each other.
 *
 * @param address          the URL the homeserver uses to reach the bridge (goes into registration.yaml as {@code url})
 * @param hostname         the address the bridge's HTTP server listens on
 * @param port             the port the bridge's HTTP server listens on
 * @param id               the appservice id in the registration
 * @param botLocalpart     localpart of the bridge bot ({@code sender_localpart})
 * @param botDisplayname   display name of the bridge bot
 * @param asToken          token the bridge presents to the homeserver
 * @param hsToken          token the homeserver presents to the bridge
 * @param ephemeralEvents  whether the homeserver pushes typing, receipts and presence (MSC2409)
 * @param maxBodyBytes     largest transaction body accepted; larger ones are refused with 413 before being read
 */
public record AppserviceConfig(
        String address,
        String hostname,
        int port,
        String id,
        String botLocalpart,
        String botDisplayname,
        String asToken,
        String hsToken,
        boolean ephemeralEvents,
        long maxBodyBytes) {
}
