package dev.passerelle.core.store;

/** Checks shared by the key records. */
final class IdChecks {

    private IdChecks() {
    }

    static void requireId(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty id, got " + (value == null ? "null" : "\"\""));
        }
    }
}
