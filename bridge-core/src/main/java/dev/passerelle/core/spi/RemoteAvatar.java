package dev.passerelle.core.spi;

/**
 * A picture on the network (a profile or chat photo).
 *
 * @param id     a stable id of this picture: when it is unchanged the engine does not fetch or upload it again
 * @param source its bytes
 */
public record RemoteAvatar(String id, MediaSource source) {
}
