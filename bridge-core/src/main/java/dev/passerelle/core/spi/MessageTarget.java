package dev.passerelle.core.spi;

/**
 * A bridged message as the network knows it.
 *
 * @param chatId    the chat it is in
 * @param messageId its remote id
 */
public record MessageTarget(String chatId, String messageId) {
}
