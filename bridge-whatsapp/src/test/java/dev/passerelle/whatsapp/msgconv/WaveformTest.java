package dev.passerelle.whatsapp.msgconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformTest {

    private static String b64(byte... bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void whatsAppsHundredIsMatrixs1024() {
        assertEquals(List.of(0, 102, 512, 1024), Waveform.toMatrix(b64((byte) 0, (byte) 10, (byte) 50, (byte) 100)));
    }

    @Test
    void valuesAboveWhatsAppsRangeAreCappedAndGarbageIsNoWaveform() {
        assertEquals(List.of(1024), Waveform.toMatrix(b64((byte) 200)));
        assertEquals(List.of(), Waveform.toMatrix("not base64!"));
    }

    @Test
    void anyMatrixLengthBecomesWhatsApps64Samples() {
        byte[] fromLong = Base64.getDecoder().decode(Waveform.toWhatsApp(Collections.nCopies(1000, 512)));
        assertEquals(64, fromLong.length);
        assertEquals(50, fromLong[17]);
        byte[] fromShort = Base64.getDecoder().decode(Waveform.toWhatsApp(List.of(0, 1024)));
        assertEquals(64, fromShort.length);
        assertEquals(0, fromShort[0]);
        assertEquals(100, fromShort[63]);
    }

    @Test
    void aRoundTripKeepsTheShape() {
        byte[] original = new byte[64];
        for (int i = 0; i < 64; i++) {
            original[i] = (byte) (i * 100 / 63);
        }
        byte[] back = Base64.getDecoder().decode(Waveform.toWhatsApp(Waveform.toMatrix(b64(original))));
        assertArrayEquals(original, back);
    }
}
