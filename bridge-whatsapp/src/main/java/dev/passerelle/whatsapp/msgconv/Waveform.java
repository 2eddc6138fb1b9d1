package dev.passerelle.whatsapp.msgconv;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A voice note's loudness over time. WhatsApp keeps 64 bytes of 0–100 ({@code audioMessage.waveform}); Matrix
 * (MSC3245) a list of 0–1024 of any length. The sidecar carries WhatsApp's bytes as base64.
 */
final class Waveform {

    /** Samples WhatsApp shows. */
    static final int WHATSAPP_SAMPLES = 64;
    private static final int WHATSAPP_MAX = 100;
    private static final int MATRIX_MAX = 1024;

    private Waveform() {
    }

    /** WhatsApp's bytes (base64) → Matrix values; empty for no or unreadable data. */
    static List<Integer> toMatrix(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            int v = Math.min(WHATSAPP_MAX, Byte.toUnsignedInt(b));
            out.add(Math.round(v * (float) MATRIX_MAX / WHATSAPP_MAX));
        }
        return out;
    }

    /** Matrix values → WhatsApp's 64 bytes (base64), each the mean of its stretch of the Matrix values. */
    static String toWhatsApp(List<Integer> values) {
        byte[] out = new byte[WHATSAPP_SAMPLES];
        int n = values.size();
        for (int i = 0; i < WHATSAPP_SAMPLES; i++) {
            int from = i * n / WHATSAPP_SAMPLES;
            int to = Math.max(from + 1, (i + 1) * n / WHATSAPP_SAMPLES);
            long sum = 0;
            for (int j = from; j < to; j++) {
                sum += Math.clamp(values.get(j), 0, MATRIX_MAX);
            }
            out[i] = (byte) Math.round(sum / (float) (to - from) * WHATSAPP_MAX / MATRIX_MAX);
        }
        return Base64.getEncoder().encodeToString(out);
    }
}
