package dev.passerelle.core.matrix;

/** The presence states a user can set ({@code PUT /presence/{userId}/status}). */
public enum Presence {
    ONLINE, OFFLINE, UNAVAILABLE;

    /** The wire value, e.g. {@code online}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
