package dev.passerelle.core.config;

/**
 * @param enabled  whether {@code /metrics}, {@code /health} and {@code /ready} are served on their own listener
 * @param hostname the address of that listener
 * @param port     the port of that listener
 */
public record MetricsConfig(boolean enabled, String hostname, int port) {
}
