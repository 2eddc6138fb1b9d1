package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] SESSION = "auth_key=0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String ROW = "user_login/telegram/12345";
    private static final String WHAT = "login secret for telegram/12345";

    private final SecretBox box = SecretBox.fromBase64Key(StoreFixture.randomKey());

    @Test
    void opensWhatItSealedAndUsesAFreshNonceEachTime() {
        String first = box.seal(SESSION, ROW);
        String second = box.seal(SESSION, ROW);
        assertNotEquals(first, second);
        assertArrayEquals(SESSION, box.open(first, ROW, WHAT));
        assertArrayEquals(SESSION, box.open(second, ROW, WHAT));
        assertArrayEquals(new byte[0], box.open(box.seal(new byte[0], ROW), ROW, WHAT));
    }

    @Test
    void sealedFormStartsWithVersionOneAndHidesThePlaintext() {
        byte[] sealed = Base64.getDecoder().decode(box.seal(SESSION, ROW));
        assertEquals(1, sealed[0]);
        assertEquals(1 + 4 + 12 + SESSION.length + 16, sealed.length);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("auth_key"));
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] sealed = Base64.getDecoder().decode(box.seal(SESSION, ROW));
        for (int i = 1; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            String changed = Base64.getEncoder().encodeToString(tampered);
            SecretUnreadableException e = assertThrows(SecretUnreadableException.class,
                    () -> box.open(changed, ROW, WHAT), "byte " + i);
            assertTrue(e.getMessage().startsWith(WHAT + " could not be decrypted: "), e.getMessage());
        }
    }

    @Test
    void anotherKeySaysSoWithoutShowingTheSecret() {
        String sealed = box.seal(SESSION, ROW);
        SecretBox other = SecretBox.fromBase64Key(StoreFixture.randomKey());
        SecretUnreadableException e = assertThrows(SecretUnreadableException.class, () -> other.open(sealed, ROW, WHAT));
        assertEquals(WHAT + " could not be decrypted: it was stored with a different bridge.secret_key. Put back the"
                + " key it was stored with, or log in again.", e.getMessage());
        assertFalse(e.getMessage().contains("auth_key"));
    }

    @Test
    void aSealedValueBoundToOneRowDoesNotOpenForAnother() {
        String sealed = box.seal(SESSION, ROW);
        SecretUnreadableException e = assertThrows(SecretUnreadableException.class,
                () -> box.open(sealed, "user_login/telegram/67890", "login secret for telegram/67890"));
        assertTrue(e.getMessage().contains("the bridge.secret_key differs from the one it was stored with, or the data"
                + " was changed"), e.getMessage());
    }

    @Test
    void garbageAndUnknownVersionsAreReportedAsSuch() {
        assertTrue(assertThrows(SecretUnreadableException.class, () -> box.open("not base64!", ROW, WHAT))
                .getMessage().contains("not base64"));
        assertTrue(assertThrows(SecretUnreadableException.class, () -> box.open("AQID", ROW, WHAT))
                .getMessage().contains("too short"));
        byte[] sealed = Base64.getDecoder().decode(box.seal(SESSION, ROW));
        sealed[0] = 7;
        String future = Base64.getEncoder().encodeToString(sealed);
        assertTrue(assertThrows(SecretUnreadableException.class, () -> box.open(future, ROW, WHAT))
                .getMessage().contains("format version 7"));
    }

    @Test
    void badKeysAreRefusedWithHowToMakeOneAndNeverEchoed() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> SecretBox.fromBase64Key(shortKey));
        assertTrue(tooShort.getMessage().contains("decodes to 16 bytes"), tooShort.getMessage());
        assertTrue(tooShort.getMessage().contains("openssl rand -base64 32"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey));

        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> SecretBox.fromBase64Key("this is no key"));
        assertTrue(notBase64.getMessage().contains("not valid base64"), notBase64.getMessage());
        assertFalse(notBase64.getMessage().contains("this is no key"));

        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64Key(" "));
        assertFalse(box.toString().contains("="));
    }
}
