package dev.passerelle.core.provisioning;

import dev.passerelle.core.config.PermissionLevel;

/**
 * Who a provisioning request acts for, once the shared secret checked out.
 *
 * @param userId the Matrix user named by {@code ?user_id=}
 * @param level  their permission level from {@code bridge.permissions}
 */
public record Caller(String userId, PermissionLevel level) {
}
