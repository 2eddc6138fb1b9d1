package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * The answer of {@link NetworkClient.IdentifierResolving}.
 *
 * @param remoteUserId the user found
 * @param profile      their profile
 * @param dmChatId     the chat id of the DM with them, when it exists (or was created)
 */
public record ResolvedIdentifier(String remoteUserId, UserInfo profile, Optional<String> dmChatId) {
}
