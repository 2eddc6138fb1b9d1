package dev.passerelle.core.store;

/**
 * A stored secret could not be decrypted: the {@code bridge.secret_key} is not the one it was sealed with, or the
 * stored bytes were changed or copied from another row. The message names the secret's owner, never its content.
 * The secret is lost unless the old key is put back; the user can also log in again.
 */
public final class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
