package dev.passerelle.core.matrix;

import java.util.Optional;

/**
 * A user's global profile.
 *
 * @param displayName the display name; empty when not set
 * @param avatarUrl   the avatar's mxc URI; empty when not set
 */
public record Profile(Optional<String> displayName, Optional<String> avatarUrl) {
}
