package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.core.store.GhostKey;
import dev.passerelle.core.store.GhostRow;
import dev.passerelle.core.store.GhostStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ghosts: the Matrix puppets of remote users. A ghost is registered on first use and its display name and avatar
 * follow the network's profile; the avatar is downloaded and uploaded only when its remote id changes. Blocks
 * (store, homeserver, network); call from a virtual thread.
 */
final class Ghosts {

    private static final Logger LOG = LoggerFactory.getLogger(Ghosts.class);

    private final MatrixClient matrix;
    private final GhostStore store;
    private final Clock clock;
    /**
     * Recently used ghosts whose profile was fetched, as last stored by {@link #update}: every bridged message needs
     * its sender's ghost, and reading it from the store each time cost a tenth of the engine's time per message.
     * Only this class writes ghosts, so the copy cannot go stale; bounded, least recently used out first.
     */
    private final Map<GhostKey, GhostRow> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<GhostKey, GhostRow> eldest) {
                    return size() > RECENT_GHOSTS;
                }
            });
    private static final int RECENT_GHOSTS = 4096;

    Ghosts(MatrixClient matrix, GhostStore store, Clock clock) {
        this.matrix = matrix;
        this.store = store;
        this.clock = clock;
    }

    /**
     * The ghost of {@code remoteUserId}, registered; its profile is fetched from {@code source} the first time.
     *
     * @return the ghost's row as stored
     */
    GhostRow ensure(Network network, String remoteUserId, NetworkClient source) {
        GhostKey key = new GhostKey(network.id(), remoteUserId);
        GhostRow cached = recent.get(key);
        if (cached != null) {
            matrix.intent(cached.mxid()).ensureRegistered();
            return cached;
        }
        Optional<GhostRow> known = store.get(key);
        if (known.isPresent() && known.get().profileFetchedAt().isPresent()) {
            matrix.intent(known.get().mxid()).ensureRegistered();
            recent.put(key, known.get());
            return known.get();
        }
        UserInfo info;
        try {
            info = source.userInfo(remoteUserId);
        } catch (NetworkException e) {
            LOG.warn("Could not fetch the profile of {} on {}: {}; the ghost keeps no name for now", remoteUserId,
                    network.id(), e.getMessage());
            info = new UserInfo(Optional.empty(), Optional.empty(), false);
        }
        return update(network, remoteUserId, info);
    }

    /** Applies {@code info} to the ghost (registering it when needed); returns the stored row. */
    GhostRow update(Network network, String remoteUserId, UserInfo info) {
        GhostKey key = new GhostKey(network.id(), remoteUserId);
        String mxid = network.ghostIds().mxid(remoteUserId);
        GhostRow row = store.get(key).orElseGet(() -> GhostRow.unfetched(key, mxid));
        Intent ghost = matrix.intent(mxid);
        ghost.ensureRegistered();
        Optional<String> name = info.name().filter(n -> !n.isBlank());
        if (name.isPresent() && !name.equals(row.name())) {
            ghost.setDisplayName(name.get());
        }
        Optional<String> avatarMxc = row.avatarMxc();
        Optional<String> avatarId = row.avatarId();
        if (info.avatar().isPresent() && !Optional.of(info.avatar().get().id()).equals(row.avatarId())) {
            RemoteAvatar avatar = info.avatar().get();
            Optional<String> uploaded = upload(ghost, avatar, "avatar of " + remoteUserId);
            if (uploaded.isPresent()) {
                ghost.setAvatarUrl(uploaded.get());
                avatarMxc = uploaded;
                avatarId = Optional.of(avatar.id());
            }
        }
        GhostRow updated = row.withProfile(name.or(row::name), avatarMxc, avatarId, clock.instant());
        store.upsert(updated);
        recent.put(key, updated);
        return updated;
    }

    /**
     * Sets the Matrix presence of the ghost of {@code remoteUserId}, when it exists: presence alone does not create
     * ghosts (a contact list of thousands would register every one). Matrix keeps its own "last active" time, so
     * the network's last-seen time is not sent.
     */
    void presence(Network network, String remoteUserId, boolean online) {
        GhostKey key = new GhostKey(network.id(), remoteUserId);
        GhostRow known = recent.get(key);
        Optional<String> mxid = known != null ? Optional.of(known.mxid()) : store.get(key).map(GhostRow::mxid);
        mxid.ifPresent(m -> matrix.intent(m).setPresence(
                online ? dev.passerelle.core.matrix.Presence.ONLINE : dev.passerelle.core.matrix.Presence.OFFLINE,
                Optional.empty()));
    }

    /** Reads a remote picture and uploads it as {@code uploader}; empty (logged) when the network fails. */
    static Optional<String> upload(Intent uploader, RemoteAvatar avatar, String what) {
        byte[] bytes;
        try (InputStream in = avatar.source().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            LOG.warn("Could not download the {} from the network: {}", what, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(uploader.uploadMedia(bytes, MimeTypes.sniffImage(bytes), Optional.empty()));
    }
}
