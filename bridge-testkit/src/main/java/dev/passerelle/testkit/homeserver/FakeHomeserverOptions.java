package dev.passerelle.testkit.homeserver;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@link FakeHomeserver} behaves. Start from {@link #defaults()} and change what a test needs with the
 * {@code with*} methods.
 *
 * @param asToken             token the bridge must present (Authorization: Bearer, or the {@code access_token} query)
 * @param hsToken             token the fake presents to the bridge when it pushes transactions or pings
 * @param serverName          the server name in user, room and media ids
 * @param appserviceId        the registration's {@code id}; the ping endpoint only accepts this one
 * @param botLocalpart        the registration's {@code sender_localpart}
 * @param userNamespace       the exclusive user namespace regex (matched against the whole user id)
 * @param bridgeUrl           where the bridge listens ({@code url} in the registration); empty: nothing is pushed and
 *                            pings answer 400 {@code M_URL_NOT_SET}
 * @param oldHomeserverMode   behave like Synapse 1.63: versions up to v1.2, no authenticated media, no appservice
 *                            ping, transactions on the legacy unprefixed path with {@code ?access_token=}
 * @param pushRoomEvents      push every new event of a room the appservice has a member in (as Synapse does,
 *                            including the bridge's own sends); false: only what a test enqueues is pushed
 * @param pusherInitialBackoff first wait after a failed push; doubles on each failure
 * @param pusherMaxBackoff    the longest wait between two pushes of the same transaction
 * @param port                port to listen on; 0 picks a free one (kept across {@link FakeHomeserver#restart()})
 */
public record FakeHomeserverOptions(
        String asToken,
        String hsToken,
        String serverName,
        String appserviceId,
        String botLocalpart,
        Pattern userNamespace,
        Optional<String> bridgeUrl,
        boolean oldHomeserverMode,
        boolean pushRoomEvents,
        Duration pusherInitialBackoff,
        Duration pusherMaxBackoff,
        int port) {

    /** A current homeserver for {@code example.org} with a {@code passerelle} appservice owning {@code @test_.*}. */
    public static FakeHomeserverOptions defaults() {
        return new FakeHomeserverOptions("as-secret-token", "hs-secret-token", "example.org", "passerelle",
                "passerellebot", Pattern.compile("@test_.*:example\\.org"), Optional.empty(), false, true,
                Duration.ofMillis(20), Duration.ofMillis(500), 0);
    }

    /** The bot's full user id, e.g. {@code @passerellebot:example.org}. */
    public String botUserId() {
        return "@" + botLocalpart + ":" + serverName;
    }

    /** Whether the appservice may act as (and register) this user: the bot or a user in its namespace. */
    public boolean ownsUser(String userId) {
        return userId.equals(botUserId()) || userNamespace.matcher(userId).matches();
    }

    public FakeHomeserverOptions withTokens(String as, String hs) {
        return new FakeHomeserverOptions(as, hs, serverName, appserviceId, botLocalpart, userNamespace, bridgeUrl,
                oldHomeserverMode, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withServerName(String name) {
        return new FakeHomeserverOptions(asToken, hsToken, name, appserviceId, botLocalpart, userNamespace, bridgeUrl,
                oldHomeserverMode, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withAppservice(String id, String botLocal, String namespaceRegex) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, id, botLocal, Pattern.compile(namespaceRegex),
                bridgeUrl, oldHomeserverMode, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withBridgeUrl(String url) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, appserviceId, botLocalpart, userNamespace,
                Optional.of(url), oldHomeserverMode, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withOldHomeserverMode(boolean old) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, appserviceId, botLocalpart, userNamespace,
                bridgeUrl, old, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withPushRoomEvents(boolean push) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, appserviceId, botLocalpart, userNamespace,
                bridgeUrl, oldHomeserverMode, push, pusherInitialBackoff, pusherMaxBackoff, port);
    }

    public FakeHomeserverOptions withPusherBackoff(Duration initial, Duration max) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, appserviceId, botLocalpart, userNamespace,
                bridgeUrl, oldHomeserverMode, pushRoomEvents, initial, max, port);
    }

    public FakeHomeserverOptions withPort(int p) {
        return new FakeHomeserverOptions(asToken, hsToken, serverName, appserviceId, botLocalpart, userNamespace,
                bridgeUrl, oldHomeserverMode, pushRoomEvents, pusherInitialBackoff, pusherMaxBackoff, p);
    }
}
