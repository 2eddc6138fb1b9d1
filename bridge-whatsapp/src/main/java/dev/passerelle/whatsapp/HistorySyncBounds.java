package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many of the chats in the phone's history sync get a room at once ({@code networks.whatsapp.history_sync}): a
 * phone holds hundreds of chats, and a room each would flood the user. The others keep their history and get their
 * room, backfilled, with their next message.
 *
 * @param maxInitialChats at most this many chats get a room from the sync, the most recently active first
 *                        ({@code max_initial_chats}, default 20); empty: all of them ({@code -1})
 * @param maxAge          chats whose latest message is older than this get no room from the sync
 *                        ({@code max_age_days}); empty: any age ({@code -1}, the default)
 */
public record HistorySyncBounds(Optional<Integer> maxInitialChats, Optional<Duration> maxAge) {

    static final int DEFAULT_MAX_INITIAL_CHATS = 20;
    private static final Set<String> KEYS = Set.of("max_initial_chats", "max_age_days");

    static HistorySyncBounds defaults() {
        return new HistorySyncBounds(Optional.of(DEFAULT_MAX_INITIAL_CHATS), Optional.empty());
    }

    /** Whether a chat last active at {@code latest} is recent enough for a room from the sync. */
    boolean recentEnough(Instant latest, Instant now) {
        return maxAge.isEmpty() || !latest.isBefore(now.minus(maxAge.get()));
    }

    /** Reads {@code networks.whatsapp.history_sync}; missing or null gives the defaults. */
    static HistorySyncBounds from(JsonNode section) throws ConnectorException {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return defaults();
        }
        if (!section.isObject()) {
            throw new ConnectorException("networks.whatsapp.history_sync must be a map (keys: "
                    + KEYS.stream().sorted().toList() + "), got: " + section);
        }
        List<String> unknown = new ArrayList<>();
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConnectorException("Unknown keys under networks.whatsapp.history_sync: " + unknown
                    + "; known keys: " + KEYS.stream().sorted().toList());
        }
        int chats = count(section, "max_initial_chats", DEFAULT_MAX_INITIAL_CHATS, 0);
        int days = count(section, "max_age_days", -1, 1);
        return new HistorySyncBounds(chats == -1 ? Optional.empty() : Optional.of(chats),
                days == -1 ? Optional.empty() : Optional.of(Duration.ofDays(days)));
    }

    private static int count(JsonNode section, String key, int fallback, int least) throws ConnectorException {
        JsonNode value = section.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || (value.asInt() != -1 && value.asInt() < least)) {
            throw new ConnectorException("networks.whatsapp.history_sync." + key + " must be a whole number >= "
                    + least + ", or -1 for no limit; got: " + value);
        }
        return value.asInt();
    }
}
