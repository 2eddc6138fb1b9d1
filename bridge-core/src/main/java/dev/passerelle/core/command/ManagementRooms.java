package dev.passerelle.core.command;

import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.KvStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which room is a user's management room for which network: one per (user, network), kept in the {@code kv} table
 * both ways (the {@code bridge_user} table has room for a single one, which holds the latest). Every method blocks.
 * Use one instance per bridge ({@link ManagementRoomHandler#managementRooms()}): it caches what it read.
 */
public final class ManagementRooms {
    private static final String BY_USER = "management_room:";
    private static final String BY_ROOM = "management_room_of:";

    private final KvStore kv;
    private final BridgeUserStore users;
    private final Clock clock;
    // Every text message in every room asks whether its room is a management room: answer from memory after the
    // first time. Only this class writes these keys, so the cache cannot go stale.
    private final Map<String, Optional<Owner>> owners = new ConcurrentHashMap<>();

    public ManagementRooms(KvStore kv, BridgeUserStore users, Clock clock) {
        this.kv = kv;
        this.users = users;
        this.clock = clock;
    }

    /** The user's management room for {@code network}; empty when they have not opened one. */
    public Optional<String> roomOf(String userId, String network) {
        return kv.get(BY_USER + network + ":" + userId);
    }

    /** Who owns {@code roomId} as a management room, and for which network; empty for any other room. */
    public Optional<Owner> ownerOf(String roomId) {
        return owners.computeIfAbsent(roomId, r -> kv.get(BY_ROOM + r).map(v -> {
            int space = v.indexOf(' ');
            return new Owner(v.substring(space + 1), v.substring(0, space));
        }));
    }

    /** Makes {@code roomId} the user's management room for {@code network}, replacing the previous one. */
    void remember(String userId, String network, String roomId) {
        users.getOrCreate(userId, clock.instant());
        roomOf(userId, network).filter(old -> !old.equals(roomId)).ifPresent(old -> {
            kv.delete(BY_ROOM + old);
            owners.remove(old);
        });
        kv.put(BY_USER + network + ":" + userId, roomId);
        kv.put(BY_ROOM + roomId, network + " " + userId);
        owners.put(roomId, Optional.of(new Owner(userId, network)));
        if (users.getByManagementRoom(roomId).isEmpty()) {
            users.setManagementRoom(userId, Optional.of(roomId));
        }
    }

    /**
     * The owner of a management room.
     *
     * @param userId  the Matrix user
     * @param network the connector id whose bot is in the room
     */
    public record Owner(String userId, String network) {
    }
}
