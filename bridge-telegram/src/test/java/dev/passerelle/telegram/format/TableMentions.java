package dev.passerelle.telegram.format;

import java.util.Map;
import java.util.Optional;

/** Test mentions: user {@code n} is {@code @telegram_n:example.org}; usernames from a fixed table. */
record TableMentions(Map<String, Long> usernames) implements Mentions {

    @Override
    public Optional<String> matrixUser(long telegramUserId) {
        return Optional.of("@telegram_" + telegramUserId + ":example.org");
    }

    @Override
    public Optional<String> matrixUserByUsername(String username) {
        return Optional.ofNullable(usernames.get(username)).flatMap(this::matrixUser);
    }

    @Override
    public Optional<Long> telegramUser(String matrixUserId) {
        return matrixUserId.matches("@telegram_\\d+:example\\.org")
                ? Optional.of(Long.parseLong(matrixUserId.substring(10, matrixUserId.indexOf(':'))))
                : Optional.empty();
    }
}
