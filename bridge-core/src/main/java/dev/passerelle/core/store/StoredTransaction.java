package dev.passerelle.core.store;

import java.util.Optional;

/**
 * One row of {@code as_transaction}.
 *
 * @param body      the JSON as received; empty once every event in it was handled
 * @param completed whether every event in it was handled
 */
public record StoredTransaction(long seq, String txnId, Optional<String> body, boolean completed) {
}
