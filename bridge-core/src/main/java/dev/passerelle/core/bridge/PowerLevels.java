package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ChatInfo;
import java.util.Map;

/** Network roles → Matrix power levels: the bot 100, owner 95, admin 75, moderator 50, member 0. Pure. */
final class PowerLevels {

    private PowerLevels() {
    }

    static int of(ChatInfo.Role role) {
        return switch (role) {
            case OWNER -> 95;
            case ADMIN -> 75;
            case MODERATOR -> 50;
            case MEMBER -> 0;
        };
    }

    /**
     * The {@code power_level_content_override} of a new portal: the listed users, and in a channel only
     * moderators and up may post.
     */
    static ObjectNode override(ObjectMapper mapper, String botUserId, Map<String, Integer> ghosts,
                               ChatInfo.ChatKind kind) {
        ObjectNode pl = mapper.createObjectNode();
        ObjectNode users = pl.putObject("users");
        users.put(botUserId, 100);
        ghosts.forEach((mxid, level) -> {
            if (level > 0) {
                users.put(mxid, level);
            }
        });
        pl.put("events_default", kind == ChatInfo.ChatKind.CHANNEL ? 50 : 0);
        return pl;
    }
}
