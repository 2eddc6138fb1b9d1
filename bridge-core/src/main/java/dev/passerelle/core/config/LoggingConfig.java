package dev.passerelle.core.config;

/**
 * @param level lowest level written: {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}
 * @param file  a file to write the log to as well as standard output; empty for standard output only
 */
public record LoggingConfig(String level, String file) {
}
