package dev.passerelle.telegram.msgconv;

import java.util.ArrayList;
import java.util.List;

/**
 * A voice note's waveform: Telegram packs values 0–31 in 5 bits each, least significant bit first, across the bytes;
 * Matrix (MSC3245) lists values 0–1024. Telegram's apps draw up to 100 values, so longer Matrix waveforms are
 * resampled to 100.
 */
public final class Waveform {

    private static final int TELEGRAM_MAX = 31;
    private static final int MATRIX_MAX = 1024;
    private static final int MAX_VALUES = 100;

    private Waveform() {
    }

    /** Telegram's packed bytes → Matrix values (empty for none). */
    public static List<Integer> toMatrix(byte[] packed) {
        if (packed == null) {
            return List.of();
        }
        int count = packed.length * 8 / 5;
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int bit = i * 5;
            int word = packed[bit / 8] & 0xff;
            if (bit / 8 + 1 < packed.length) {
                word |= (packed[bit / 8 + 1] & 0xff) << 8;
            }
            int value = (word >> (bit % 8)) & TELEGRAM_MAX;
            values.add(Math.round(value * (float) MATRIX_MAX / TELEGRAM_MAX));
        }
        return values;
    }

    /** Matrix values → Telegram's packed bytes (empty for none); values out of 0–1024 are clamped. */
    public static byte[] toTelegram(List<Integer> values) {
        List<Integer> sampled = values.size() <= MAX_VALUES ? values : resample(values);
        byte[] packed = new byte[(sampled.size() * 5 + 7) / 8];
        for (int i = 0; i < sampled.size(); i++) {
            int clamped = Math.clamp(sampled.get(i), 0, MATRIX_MAX);
            int value = Math.round(clamped * (float) TELEGRAM_MAX / MATRIX_MAX);
            int bit = i * 5;
            int shifted = value << (bit % 8);
            packed[bit / 8] |= (byte) shifted;
            if (bit / 8 + 1 < packed.length) {
                packed[bit / 8 + 1] |= (byte) (shifted >> 8);
            }
        }
        return packed;
    }

    private static List<Integer> resample(List<Integer> values) {
        List<Integer> out = new ArrayList<>(MAX_VALUES);
        for (int i = 0; i < MAX_VALUES; i++) {
            out.add(values.get((int) ((long) i * values.size() / MAX_VALUES)));
        }
        return out;
    }
}
