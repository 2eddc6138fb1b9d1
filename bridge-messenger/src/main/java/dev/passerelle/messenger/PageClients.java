package dev.passerelle.messenger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connected client of each Page, for the webhook deliveries to find. */
final class PageClients {

    private final Map<String, MessengerClient> byPage = new ConcurrentHashMap<>();

    void register(MessengerClient client) {
        byPage.put(client.pageId(), client);
    }

    void unregister(MessengerClient client) {
        byPage.remove(client.pageId(), client);
    }

    Optional<MessengerClient> of(String pageId) {
        return Optional.ofNullable(byPage.get(pageId));
    }
}
