package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ConnectorKeysTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32});

    @Test
    void matchesRfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] okm = ConnectorKeys.hkdfSha256(hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                hex.formatHex(okm));
    }

    @Test
    void matchesRfc5869TestCase3WithoutSalt() {
        HexFormat hex = HexFormat.of();
        byte[] okm = ConnectorKeys.hkdfSha256(new byte[0],
                hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), new byte[0], 42);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                hex.formatHex(okm));
    }

    @Test
    void sameKeyEveryTimeAndDifferentPerConnector() {
        byte[] telegram = ConnectorKeys.forConnector(SECRET, "telegram");
        assertEquals(32, telegram.length);
        assertArrayEquals(telegram, ConnectorKeys.forConnector(SECRET, "telegram"));
        assertFalse(Arrays.equals(telegram, ConnectorKeys.forConnector(SECRET, "whatsapp")));
        assertFalse(Arrays.equals(telegram, Base64.getDecoder().decode(SECRET)));
    }

    @Test
    void badSecretIsRefusedWithoutRepeatingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConnectorKeys.forConnector("not base64 !!", "x"));
        assertTrue(e.getMessage().contains("bridge.secret_key"));
        assertFalse(e.getMessage().contains("not base64 !!"));
    }
}
