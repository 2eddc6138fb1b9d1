package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote account a Matrix user is logged in with. The session secret is not part of the row: it is read and
 * written on its own through {@link UserLoginStore#secret} so that it is decrypted only where it is used and never
 * ends up in a {@code toString}.
 *
 * @param key         network and remote account id
 * @param mxid        the Matrix user who owns the login
 * @param remoteName  how the account is called on its network (a phone number, a name), shown in {@code list-logins}
 * @param state       the last known connection state
 * @param spaceRoomId the login's personal space holding its portals; empty until created
 * @param metadata    JSON that only the connector reads; empty when it keeps none
 * @param createdAt   when the login was first stored (kept on update; to the millisecond)
 * @param updatedAt   when the row last changed (to the millisecond)
 */
public record UserLoginRow(LoginKey key, String mxid, String remoteName, LoginState state,
        Optional<String> spaceRoomId, Optional<String> metadata, Instant createdAt, Instant updatedAt) {

    public UserLoginRow {
        Objects.requireNonNull(key, "key");
        IdChecks.requireId(mxid, "mxid");
        Objects.requireNonNull(remoteName, "remoteName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spaceRoomId, "spaceRoomId");
        Objects.requireNonNull(metadata, "metadata");
        createdAt = Millis.exact(createdAt);
        updatedAt = Millis.exact(updatedAt);
    }

    /** A login just completed: connected, no space yet, no metadata. */
    public static UserLoginRow loggedIn(LoginKey key, String mxid, String remoteName, Instant now) {
        return new UserLoginRow(key, mxid, remoteName, LoginState.CONNECTED, Optional.empty(), Optional.empty(), now, now);
    }
}
