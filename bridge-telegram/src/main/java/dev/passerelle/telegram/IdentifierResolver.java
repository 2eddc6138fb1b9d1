package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.ChatType;
import dev.passerelle.telegram.td.api.ImportedContact;
import dev.passerelle.telegram.td.api.ImportedContacts;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.User;
import java.util.List;
import java.util.Optional;

/**
 * {@code start-chat}: a username ({@code @name} or {@code name}, with {@code searchPublicChat}) or a phone number
 * ({@code +...}, imported as a contact with {@code importContacts}) → the Telegram user and the private chat with
 * them.
 */
final class IdentifierResolver {

    private final Requests requests;
    private final Directory directory;
    private final TelegramFiles files;

    IdentifierResolver(Requests requests, Directory directory, TelegramFiles files) {
        this.requests = requests;
        this.directory = directory;
        this.files = files;
    }

    Optional<ResolvedIdentifier> resolve(String identifier, boolean createChat) throws NetworkException {
        String id = identifier.strip();
        Optional<Long> userId;
        if (id.matches("\\+?[0-9 ()-]{6,}")) {
            String phone = id.replaceAll("[^0-9+]", "");
            ImportedContacts imported = requests.call(new MessageRequest.ImportContacts(
                    List.of(new ImportedContact(phone, phone, ""))));
            userId = imported.userIds().stream().filter(u -> u != 0).findFirst();
        } else if (id.matches("@?[A-Za-z][A-Za-z0-9_]{3,31}")) {
            try {
                Chat chat = requests.call(new MessageRequest.SearchPublicChat(id.replaceFirst("^@", "")));
                userId = chat.type() instanceof ChatType.Private p ? Optional.of(p.userId()) : Optional.empty();
            } catch (NetworkException e) {
                if (e.getMessage().contains("USERNAME_NOT_OCCUPIED") || e.getMessage().contains("USERNAME_INVALID")) {
                    return Optional.empty();
                }
                throw e;
            }
        } else {
            throw new NetworkException("'" + identifier + "' is neither a Telegram username (like @durov) nor a"
                    + " phone number with its country code (like +33612345678)", false);
        }
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        User user = directory.user(userId.get());
        Optional<String> dm = Optional.empty();
        if (createChat) {
            Chat chat = requests.call(new MessageRequest.CreatePrivateChat(user.id(), false));
            directory.put(chat);
            dm = Optional.of(Long.toString(chat.id()));
        }
        return Optional.of(new ResolvedIdentifier(Long.toString(user.id()), UserInfoFetcher.info(user, files), dm));
    }
}
