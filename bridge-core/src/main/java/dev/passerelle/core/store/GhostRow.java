package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote user and their Matrix puppet.
 *
 * @param key              network and remote user id
 * @param mxid             the puppet's Matrix id
 * @param name             the display name as last set on the puppet
 * @param avatarMxc        the {@code mxc://} URI of the uploaded avatar
 * @param avatarId         the remote avatar's id or hash; unchanged means the avatar is not uploaded again
 * @param profileFetchedAt when the profile was last fetched from the network; empty when never (to the millisecond)
 * @param metadata         JSON that only the connector reads
 */
public record GhostRow(GhostKey key, String mxid, Optional<String> name, Optional<String> avatarMxc,
        Optional<String> avatarId, Optional<Instant> profileFetchedAt, Optional<String> metadata) {

    public GhostRow {
        Objects.requireNonNull(key, "key");
        IdChecks.requireId(mxid, "mxid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(avatarMxc, "avatarMxc");
        Objects.requireNonNull(avatarId, "avatarId");
        profileFetchedAt = Millis.exact(Objects.requireNonNull(profileFetchedAt, "profileFetchedAt"));
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A ghost whose profile has not been fetched yet. */
    public static GhostRow unfetched(GhostKey key, String mxid) {
        Optional<String> none = Optional.empty();
        return new GhostRow(key, mxid, none, none, none, Optional.empty(), none);
    }

    public GhostRow withProfile(Optional<String> name, Optional<String> avatarMxc, Optional<String> avatarId,
            Instant fetchedAt) {
        return new GhostRow(key, mxid, name, avatarMxc, avatarId, Optional.of(fetchedAt), metadata);
    }
}
