package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.ChatType;
import dev.passerelle.telegram.td.api.MessageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code @username} → Telegram user id, for mentions of users the bridge has not met: {@code searchPublicChat},
 * remembered. A name that is no user (free, or a group's or channel's) is remembered as such for an hour, in case it
 * is taken meanwhile; a failure to ask (no connection, flood wait) is not remembered.
 */
final class Usernames implements Function<String, Optional<Long>> {

    private static final Duration FORGET_UNKNOWN = Duration.ofHours(1);

    private record Known(Optional<Long> userId, Instant at) {
    }

    private final Requests requests;
    private final Map<String, Known> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > 5_000;
        }
    });

    Usernames(Requests requests) {
        this.requests = requests;
    }

    @Override
    public Optional<Long> apply(String username) {
        String key = username.toLowerCase(Locale.ROOT);
        Known k = known.get(key);
        if (k != null && (k.userId().isPresent() || k.at().plus(FORGET_UNKNOWN).isAfter(Instant.now()))) {
            return k.userId();
        }
        try {
            Chat chat = requests.call(new MessageRequest.SearchPublicChat(username));
            Optional<Long> user = chat.type() instanceof ChatType.Private p ? Optional.of(p.userId())
                    : Optional.empty();
            known.put(key, new Known(user, Instant.now()));
            return user;
        } catch (NetworkException e) {
            if (!e.isTransient()) {
                known.put(key, new Known(Optional.empty(), Instant.now()));
            }
            return Optional.empty();
        }
    }
}
