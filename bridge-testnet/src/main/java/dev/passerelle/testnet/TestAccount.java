package dev.passerelle.testnet;

import java.util.Objects;
import java.util.Optional;

/**
 * An account on the test network. Its {@code id} is both the remote user id and, once logged in, the login id.
 *
 * @param id       remote user id, e.g. {@code alice}; must not be the id of a group or channel
 * @param name     display name
 * @param phone    phone number for the {@code code} flow and {@code start-chat}, e.g. {@code +33600000001}
 * @param username for {@code start-chat @username}
 * @param avatar   profile picture bytes
 * @param password when present, both login flows ask for it (2FA) before completing
 */
public record TestAccount(String id, String name, Optional<String> phone, Optional<String> username,
                          Optional<byte[]> avatar, Optional<String> password) {

    public TestAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A test account needs a non-blank id");
        }
    }

    /** An account with a name and a phone number, no username, avatar or password. */
    public static TestAccount of(String id, String name, String phone) {
        return new TestAccount(id, name, Optional.of(phone), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TestAccount withUsername(String newUsername) {
        return new TestAccount(id, name, phone, Optional.of(newUsername), avatar, password);
    }

    public TestAccount withAvatar(byte[] bytes) {
        return new TestAccount(id, name, phone, username, Optional.of(bytes.clone()), password);
    }

    public TestAccount withPassword(String newPassword) {
        return new TestAccount(id, name, phone, username, avatar, Optional.of(newPassword));
    }

    public TestAccount withName(String newName) {
        return new TestAccount(id, newName, phone, username, avatar, password);
    }
}
