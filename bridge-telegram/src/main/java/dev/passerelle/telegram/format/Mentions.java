package dev.passerelle.telegram.format;

import java.util.Optional;

/**
 * Telegram users ⇄ the Matrix users that stand for them (their ghosts), for mentions. Empty when a user has no
 * Matrix side (the mention then stays plain text).
 */
public interface Mentions {

    Optional<String> matrixUser(long telegramUserId);

    /** For {@code @username} mentions; may ask Telegram, so it may block. */
    Optional<String> matrixUserByUsername(String username);

    Optional<Long> telegramUser(String matrixUserId);

    /** No user has a Matrix side: mentions stay text. */
    Mentions NONE = new Mentions() {
        @Override
        public Optional<String> matrixUser(long telegramUserId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> matrixUserByUsername(String username) {
            return Optional.empty();
        }

        @Override
        public Optional<Long> telegramUser(String matrixUserId) {
            return Optional.empty();
        }
    };
}
