package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Calls are not bridged, but the chat says they happened: a notice from the caller's ghost. */
class TelegramCallNoticesTest extends AliceBridgeTest {

    private static ObjectNode call(boolean video, String reason, int seconds) {
        ObjectNode content = JSON.createObjectNode().put("@type", "messageCall").put("unique_id", "77")
                .put("is_video", video).put("duration", seconds);
        content.putObject("discard_reason").put("@type", reason);
        return content;
    }

    @Test
    void missedAndFinishedCallsAndVideoChatsAreNotices() {
        bed.telegram.post(BOB, ALICE, call(false, "callDiscardReasonMissed", 0), 0);
        bed.telegram.post(BOB, ALICE, call(true, "callDiscardReasonHungUp", 125), 0);

        ObjectNode missed = bed.awaitMessage("1002", "made a call that was missed");
        assertEquals("m.notice", missed.path("content").path("msgtype").asText());
        assertEquals(TelegramBridgeBed.ghost(BOB), missed.path("sender").asText());
        bed.awaitMessage("1002", "made a video call (2 min 5 s)");

        bed.telegram.post(BOB, ALICE, JSON.createObjectNode().put("@type", "messageVideoChatEnded")
                .put("duration", 45), 0);
        bed.awaitMessage("1002", "ended the video chat (45 s)");
    }
}
