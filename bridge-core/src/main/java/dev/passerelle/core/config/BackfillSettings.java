package dev.passerelle.core.config;

/**
 * History bridged into a new portal ({@code bridge.backfill}).
 *
 * @param limit how many of the chat's latest messages a new portal starts with (0: none; at most
 *              {@link #MAX_LIMIT})
 */
public record BackfillSettings(int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    public static BackfillSettings defaults() {
        return new BackfillSettings(DEFAULT_LIMIT);
    }
}
