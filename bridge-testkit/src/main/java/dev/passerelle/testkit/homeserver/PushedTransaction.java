package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A transaction the bridge accepted (answered 200).
 *
 * @param txnId    the transaction id in the path
 * @param body     the body as sent ({@code events}, and {@code ephemeral}/to-device keys when present)
 * @param attempts how many times it was sent before the 200
 */
public record PushedTransaction(String txnId, ObjectNode body, int attempts) {
}
