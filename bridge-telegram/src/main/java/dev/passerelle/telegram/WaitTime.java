package dev.passerelle.telegram;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How long Telegram asks to wait (FLOOD_WAIT), said for people. */
final class WaitTime {

    private WaitTime() {
    }

    /** E.g. "2 hours 5 minutes (until 14:20 UTC)". */
    static String describe(long seconds, Instant now) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(h == 1 ? " hour" : " hours");
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append(m == 1 ? " minute" : " minutes");
        }
        if (h == 0 && (s > 0 || out.isEmpty())) {
            out.append(out.isEmpty() ? "" : " ").append(s).append(s == 1 ? " second" : " seconds");
        }
        String until = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(now.plusSeconds(seconds));
        return out + " (until " + until + " UTC)";
    }
}
