package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortalHistoryTest {

    private static final LoginKey LOGIN = new LoginKey("net", "alice");
    private static final PortalKey PORTAL = PortalKey.shared("net", "chat");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** What the bridge handed on, and the last bridged point it implies. */
    private final List<String> bridged = new ArrayList<>();
    private Optional<NetworkClient.HistoryPoint> last = Optional.empty();

    @Test
    void catchUpResumesAfterTheLastBridgedMessageAndPagesUntilAShortPage() {
        History client = new History(250);
        bridge(client.all.get(9));
        PortalHistory history = new PortalHistory(k -> last, 100, 1_000, 50);

        int handed = history.catchUp(LOGIN, client, PORTAL, this::bridge);

        assertEquals(240, handed);
        assertEquals(ids(10, 250), bridged.subList(1, bridged.size()));
        assertEquals(List.of(100, 100, 100), client.limits);
        assertEquals(List.of("m9", "m109", "m209"), client.afters);
    }

    @Test
    void catchUpStopsAtTheCap() {
        History client = new History(50);
        bridge(client.all.getFirst());
        PortalHistory history = new PortalHistory(k -> last, 10, 25, 5);

        assertEquals(25, history.catchUp(LOGIN, client, PORTAL, this::bridge));
        assertEquals(ids(1, 26), bridged.subList(1, bridged.size()));
        assertEquals(List.of(10, 10, 5), client.limits);
    }

    @Test
    void catchUpWithNothingBridgedStartsFromTheLatestBackfill() {
        History client = new History(30);
        PortalHistory history = new PortalHistory(k -> last, 10, 1_000, 5);

        assertEquals(5, history.catchUp(LOGIN, client, PORTAL, this::bridge));
        assertEquals(ids(25, 30), bridged);
    }

    @Test
    void aFailingFetchIsLoggedAndKeepsWhatWasBridged() {
        History client = new History(30);
        client.failAfterCalls = 1;
        bridge(client.all.getFirst());
        PortalHistory history = new PortalHistory(k -> last, 10, 1_000, 5);

        assertEquals(10, history.catchUp(LOGIN, client, PORTAL, this::bridge));
        assertEquals(ids(1, 11), bridged.subList(1, bridged.size()));
    }

    @Test
    void aClientWithoutHistoryGetsNothingFetched() {
        PortalHistory history = new PortalHistory(k -> last, 10, 1_000, 5);
        NetworkClient plain = new Plain();
        assertEquals(0, history.catchUp(LOGIN, plain, PORTAL, this::bridge));
        assertEquals(0, history.backfill(LOGIN, plain, PORTAL, this::bridge));
        assertEquals(List.of(), bridged);
    }

    @Test
    void backfillTakesTheLatestMessagesOldestFirst() {
        History client = new History(80);
        PortalHistory history = new PortalHistory(k -> last, 10, 1_000, 50);

        assertEquals(50, history.backfill(LOGIN, client, PORTAL, this::bridge));
        assertEquals(ids(30, 80), bridged);
        assertEquals(List.of(50), client.limits);
        assertEquals(List.of("(none)"), client.afters);
    }

    private void bridge(RemoteEvent.Message m) {
        bridged.add(m.messageId());
        last = Optional.of(new NetworkClient.HistoryPoint(m.messageId(), m.timestamp()));
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    /** A client whose chat holds {@code m0..m(n-1)}, one second apart; records what it was asked. */
    private static final class History extends Plain implements NetworkClient.HistoryFetching {
        final List<RemoteEvent.Message> all = new ArrayList<>();
        final List<Integer> limits = new ArrayList<>();
        final List<String> afters = new ArrayList<>();
        int failAfterCalls = Integer.MAX_VALUE;

        History(int n) {
            for (int i = 0; i < n; i++) {
                all.add(new RemoteEvent.Message(PortalRef.shared("chat"), new Sender("bob", false), "m" + i,
                        T0.plusSeconds(i), List.of(MessagePart.only(new MessageContent.Text(
                        FormattedText.plain("text " + i), MessageContent.TextKind.NORMAL))), Optional.empty(),
                        Optional.empty()));
            }
        }

        @Override
        public List<RemoteEvent.Message> fetchMessages(String chatId, Optional<HistoryPoint> after, int limit)
                throws NetworkException {
            if (limits.size() >= failAfterCalls) {
                throw new NetworkException("history unavailable", true);
            }
            limits.add(limit);
            afters.add(after.map(HistoryPoint::messageId).orElse("(none)"));
            if (after.isEmpty()) {
                return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
            }
            int from = Integer.parseInt(after.get().messageId().substring(1)) + 1;
            return List.copyOf(all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit)));
        }
    }

    /** A client with no optional ability. */
    private static class Plain implements NetworkClient {
        @Override
        public void connect() {
        }

        @Override
        public void disconnect() {
        }

        @Override
        public boolean isLoggedIn() {
            return true;
        }

        @Override
        public void logout() {
        }

        @Override
        public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
            throw new NetworkException("not in this test", false);
        }

        @Override
        public ChatInfo chatInfo(String chatId) throws NetworkException {
            throw new NetworkException("not in this test", false);
        }

        @Override
        public UserInfo userInfo(String remoteUserId) throws NetworkException {
            throw new NetworkException("not in this test", false);
        }
    }
}
