package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgeSettingsTest {

    private static final BridgeSettings SETTINGS = new BridgeSettings("!pass", Map.of(
            "*", PermissionLevel.RELAY,
            "example.org", PermissionLevel.USER,
            "matrix.example.net:8448", PermissionLevel.USER,
            "@boss:example.org", PermissionLevel.ADMIN,
            "@troll:example.org", PermissionLevel.BLOCK), "");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "@boss:example.org, ADMIN",       // own id beats its server
            "@troll:example.org, BLOCK",      // a blocked user on an allowed server stays blocked
            "@alice:example.org, USER",       // server name
            "@bob:matrix.example.net:8448, USER", // server name with a port
            "@eve:elsewhere.org, RELAY",      // falls back to *
            "@alice:sub.example.org, RELAY",  // a subdomain is another server
            "not-a-user-id, RELAY",           // malformed ids match only *
    })
    void theMostSpecificKeyWins(String userId, PermissionLevel expected) {
        assertEquals(expected, SETTINGS.levelOf(userId));
    }

    @ParameterizedTest
    @CsvSource({"@anyone:example.org", "@x:y"})
    void withoutAStarEntryUnknownUsersAreBlocked(String userId) {
        BridgeSettings onlyAdmin = new BridgeSettings("!pass", Map.of("@boss:example.org", PermissionLevel.ADMIN), "");
        assertEquals(PermissionLevel.BLOCK, onlyAdmin.levelOf(userId));
    }
}
