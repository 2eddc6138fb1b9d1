package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    private static final Path COMMITTED = Path.of("..", "docs", "config-reference.md");
    private static final Path BUILT = Path.of("target", "config-reference.md");

    @Test
    void theCommittedReferenceIsTheOneThisBuildGenerates() throws IOException {
        String fresh = ConfigReference.markdown();
        Files.createDirectories(BUILT.getParent());
        Files.writeString(BUILT, fresh);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "(missing)";
        assertEquals(fresh, committed, "docs/config-reference.md is out of date with the config records or a "
                + "connector's example section. Copy the generated one over it: "
                + "cp bridge-app/target/config-reference.md docs/config-reference.md");
    }

    @Test
    void everyKeyHasItsPathDefaultAndMeaning() {
        String reference = ConfigReference.markdown(
                "# The homeserver.\nhomeserver:\n  # Its URL.\n  address: http://localhost:8008\n"
                        + "bridge:\n  # Who may do what.\n  permissions:\n    \"*\": relay\n"
                        + "  # Required. Base64.\n  secret_key: \"abc\"\n"
                        + "networks: {}\n",
                Map.of("telegram", "# Required. From my.telegram.org.\napi_id: 0\n# Limits.\nlimits:\n  # Per chat.\n  files: 3\n"));
        assertTrue(reference.contains("## homeserver\n\nThe homeserver.\n"), reference);
        assertTrue(reference.contains("| `homeserver.address` | `http://localhost:8008` | Its URL. |"), reference);
        assertTrue(reference.contains("| `bridge.permissions` | `\"*\": relay` | Who may do what. |"), reference);
        assertTrue(reference.contains("| `bridge.secret_key` | a fresh secret from generate-config | Required. Base64. |"),
                reference);
        assertTrue(reference.contains("| `networks.telegram.api_id` | `0` | Required. From my.telegram.org. |"), reference);
        assertTrue(reference.contains("| `networks.telegram.limits.files` | `3` | Per chat. |"), reference);
    }
}
