package dev.passerelle.telegram.msgconv;

import dev.passerelle.telegram.td.api.CallDiscardReason;
import dev.passerelle.telegram.td.api.MessageContent;

/** The words of the notice that stands in Matrix for a Telegram call: calls themselves are not bridged. */
final class CallNotices {

    private CallNotices() {
    }

    /** Said by the caller's ghost: "made a call that was missed", "made a video call (2 min 5 s)". */
    static String call(MessageContent.Call c) {
        String kind = c.isVideo() ? "a video call" : "a call";
        return switch (c.discardReason()) {
            case CallDiscardReason.Missed m -> "made " + kind + " that was missed";
            case CallDiscardReason.Declined d -> "made " + kind + " that was declined";
            case CallDiscardReason.UpgradeToGroupCall u -> "made " + kind + ", continued as a group call";
            case null -> "is making " + kind + " (answer it in a Telegram app)";
            default -> "made " + kind + (c.duration() > 0 ? " (" + duration(c.duration()) + ")" : "");
        };
    }

    /** {@code 2 min 5 s}, {@code 45 s}. */
    static String duration(int seconds) {
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
