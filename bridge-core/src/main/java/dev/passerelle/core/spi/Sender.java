package dev.passerelle.core.spi;

/**
 * Who did something on the network.
 *
 * @param remoteUserId the network user
 * @param fromMe       whether it is the logged-in account itself (sent from the phone or another client): the
 *                     engine then sends it as the Matrix user's double puppet when it can, else as their ghost
 */
public record Sender(String remoteUserId, boolean fromMe) {
}
