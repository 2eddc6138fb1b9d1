package dev.passerelle.telegram.fake;

import java.util.Optional;

/**
 * A Telegram account of the fake network.
 *
 * @param password the two-step verification password, if any (with {@code hint})
 * @param botToken set for bots: they log in with it
 */
public record FakeAccount(long id, String firstName, String lastName, String phone, Optional<String> username,
                          Optional<String> password, String hint, Optional<String> botToken) {

    public static FakeAccount user(long id, String firstName, String phone) {
        return new FakeAccount(id, firstName, "", phone, Optional.empty(), Optional.empty(), "", Optional.empty());
    }

    public static FakeAccount bot(long id, String name, String token) {
        return new FakeAccount(id, name, "", "", Optional.of(name.toLowerCase() + "_bot"), Optional.empty(), "",
                Optional.of(token));
    }

    public FakeAccount withPassword(String password, String hint) {
        return new FakeAccount(id, firstName, lastName, phone, username, Optional.of(password), hint, botToken);
    }

    public FakeAccount withUsername(String name) {
        return new FakeAccount(id, firstName, lastName, phone, Optional.of(name), password, hint, botToken);
    }
}
