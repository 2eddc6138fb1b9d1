package dev.passerelle.telegram.tdjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeTdJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedLibraryIsTheOneTheBuildChecked() throws Exception {
        TdjsonLibrary.Bundled bundled = TdjsonLibrary.bundled().orElseThrow();
        assertEquals("@prebuilt-tdlib/linux-x64-glibc", bundled.npmPackage());
        Path lib = TdjsonLibrary.locate(Optional.empty(), Path.of("target", "tdjson-test"));
        assertEquals(bundled.sha256(), TdjsonLibrary.sha256(lib));
    }

    @Test
    void executeAnswersSynchronousRequests() throws Exception {
        JsonNode version = JSON.readTree(ShippedTdjson.get().execute(
                "{\"@type\":\"getOption\",\"name\":\"version\",\"@extra\":\"v\"}"));
        assertEquals("optionValueString", version.path("@type").asText());
        assertEquals("1.8.65", version.path("value").asText());
        assertEquals("v", version.path("@extra").asText());
    }

    @Test
    void aCorruptExtractedCopyIsReplaced(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path first = TdjsonLibrary.locate(Optional.empty(), dir);
        Files.write(first, new byte[] {1, 2, 3});
        Path second = TdjsonLibrary.locate(Optional.empty(), dir);
        assertEquals(first, second);
        assertEquals(TdjsonLibrary.bundled().orElseThrow().sha256(), TdjsonLibrary.sha256(second));
    }

    @Test
    void aConfiguredPathThatIsNoFileIsExplained(@org.junit.jupiter.api.io.TempDir Path dir) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> TdjsonLibrary.locate(Optional.of(dir.resolve("nope.so")), dir));
        assertTrue(e.getMessage().contains("networks.telegram.tdjson_path"), e.getMessage());
    }
}
