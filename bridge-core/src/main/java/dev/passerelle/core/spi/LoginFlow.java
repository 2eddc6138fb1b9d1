package dev.passerelle.core.spi;

/**
 * One way to log in to a network.
 *
 * @param id          stable id used by {@code login <id>} and the provisioning API (e.g. {@code qr}, {@code phone})
 * @param name        short name for people ({@code QR code})
 * @param description one sentence on what the user will do
 */
public record LoginFlow(String id, String name, String description) {
}
