package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.TestConfigs;
import dev.passerelle.core.config.NamespaceClaim;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.spi.NetworkDescription;
import dev.passerelle.testkit.db.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void noSectionEnablesNothing() {
        assertEquals(List.of(), Networks.enabled(TestConfigs.config(new TestDatabase("sqlite", "jdbc:sqlite::memory:"))));
    }

    @Test
    void aSectionWithoutConnectorFailsAndSaysWhatWasFound() {
        PasserelleConfig base = TestConfigs.config(new TestDatabase("sqlite", "jdbc:sqlite::memory:"));
        PasserelleConfig config = new PasserelleConfig(base.homeserver(), base.appservice(), base.database(),
                base.bridge(), base.metrics(), base.logging(),
                Map.<String, JsonNode>of("telegarm", new ObjectMapper().createObjectNode()));
        var e = assertThrows(IllegalStateException.class, () -> Networks.enabled(config));
        assertTrue(e.getMessage().contains("networks.telegarm"), e.getMessage());
        assertTrue(e.getMessage().contains("found: none"), e.getMessage());
    }

    @Test
    void namespacesClaimBotGhostsAndAliasesOfEachNetwork() {
        var telegram = new NetworkDescription("Telegram", "telegrambot", "Telegram bridge", Optional.empty(),
                "telegram_", "telegram_", "https://telegram.org");
        var claims = NetworkNamespaces.of(List.of(telegram), "example.org");
        assertEquals(List.of(NamespaceClaim.user("telegrambot", "example.org"),
                NamespaceClaim.usersWithPrefix("telegram_", "example.org")), claims.users());
        assertEquals(List.of(NamespaceClaim.aliasesWithPrefix("telegram_", "example.org")), claims.aliases());
        GhostIds ids = new GhostIds("telegram_", "example.org");
        assertTrue(Pattern.compile(claims.users().get(1).regex()).matcher(ids.mxid("Some User=1")).matches());
    }
}
