package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.User;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chats and users one account knows, as TDLib announced them ({@code updateNewChat}, {@code updateUser},
 * which TDLib always sends before anything that names them), with a request as the fallback.
 */
final class Directory {

    private final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final Requests requests;

    Directory(Requests requests) {
        this.requests = requests;
    }

    void put(Chat chat) {
        chats.put(chat.id(), chat);
    }

    void retitle(long chatId, String title) {
        chats.computeIfPresent(chatId, (id, c) -> new Chat(c.id(), c.type(), title, c.photo()));
    }

    void rephoto(long chatId, dev.passerelle.telegram.td.api.ChatPhotoInfo photo) {
        chats.computeIfPresent(chatId, (id, c) -> new Chat(c.id(), c.type(), c.title(), photo));
    }

    void put(User user) {
        users.put(user.id(), user);
    }

    Chat chat(long chatId) throws NetworkException {
        Chat known = chats.get(chatId);
        if (known != null) {
            return known;
        }
        Chat fetched = requests.call(new MessageRequest.GetChat(chatId));
        chats.put(chatId, fetched);
        return fetched;
    }

    User user(long userId) throws NetworkException {
        User known = users.get(userId);
        if (known != null) {
            return known;
        }
        User fetched = requests.call(new MessageRequest.GetUser(userId));
        users.put(userId, fetched);
        return fetched;
    }
}
