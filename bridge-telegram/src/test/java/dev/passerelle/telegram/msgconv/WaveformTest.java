package dev.passerelle.telegram.msgconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformTest {

    @Test
    void fiveBitValuesAreReadLeastSignificantBitFirstAndScaledTo1024() {
        // values 31, 0, 1, 16 take bits 0-4, 5-9, 10-14, 15-19, each value's low bit first → 0x1f 0x04 0x08
        byte[] packed = {0x1f, 0x04, 0x08};
        assertEquals(List.of(1024, 0, 33, 529), Waveform.toMatrix(packed));
    }

    @Test
    void aMatrixWaveformSurvivesTheRoundTripWithinOneStep() {
        List<Integer> values = List.of(0, 100, 500, 1024, 33, 990, 7);
        List<Integer> back = Waveform.toMatrix(Waveform.toTelegram(values)).subList(0, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), back.get(i), 1024 / 31.0 / 2 + 1, "value " + i);
        }
    }

    @Test
    void longWaveformsAreResampledTo100ValuesAndOutOfRangeValuesClamped() {
        byte[] packed = Waveform.toTelegram(Collections.nCopies(1000, 2000));
        assertEquals((100 * 5 + 7) / 8, packed.length);
        assertEquals(Collections.nCopies(100, 1024), Waveform.toMatrix(packed));
        assertArrayEquals(new byte[0], Waveform.toTelegram(List.of()));
    }
}
