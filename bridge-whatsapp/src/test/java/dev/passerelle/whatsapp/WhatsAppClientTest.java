package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedBed.BOB_LID;
import static dev.passerelle.whatsapp.ScriptedBed.GROUP;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppClientTest {

    private static final String BOB_JID = BOB + "@s.whatsapp.net";
    private static final String BOB_LID_JID = BOB_LID + "@lid";

    private static ObjectNode message(String chat, String sender, String id, String text) {
        ObjectNode m = object().put("chat", chat).put("id", id).put("fromMe", false).put("timestamp", 1_700_000_000_000L)
                .put("sender", sender).put("pushName", "Bob");
        m.putObject("content").put("kind", "text").put("text", text);
        return m;
    }

    private static RemoteEvent.Message nextMessage(RecordingSink sink, String id) {
        return sink.await(RemoteEvent.Message.class, m -> m.messageId().equals(id));
    }

    @Test
    void oneContactIsOneGhostAndOneDmWhetherAddressedByPhoneOrLid() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emit("message", ALICE, message(BOB_JID, BOB_JID, "M1", "by phone"));
            var byPhone = nextMessage(alice.sink(), "M1");
            assertEquals(PortalRef.ofLogin(BOB, ALICE), byPhone.portal());
            assertEquals(BOB, byPhone.sender().remoteUserId());

            // WhatsApp switches the chat to the LID and tells the phone number alongside (key.remoteJidAlt).
            ObjectNode byLidWithAlt = message(BOB_LID_JID, BOB_LID_JID, "M2", "by lid");
            byLidWithAlt.put("chatAlt", BOB_JID).put("senderAlt", BOB_JID);
            bed.sidecar.emit("message", ALICE, byLidWithAlt);
            assertEquals(PortalRef.ofLogin(BOB, ALICE), nextMessage(alice.sink(), "M2").portal());

            // From then on the LID alone is enough, also in a group and after a restart of the connector's memory.
            bed.sidecar.emit("message", ALICE, message(GROUP, BOB_LID_JID + "", "G1", "in the group"));
            var inGroup = nextMessage(alice.sink(), "G1");
            assertEquals(PortalRef.shared(GROUP), inGroup.portal());
            assertEquals(BOB, inGroup.sender().remoteUserId());
            assertEquals(BOB, new IdentityMap(bed.store).resolve(BOB_LID_JID, Optional.empty()));
            assertEquals(Optional.of("Bob"), alice.client().userInfo(BOB).name());
        }
    }

    @Test
    void aLidLearnedFromBaileysMappingBeforeAnyMessageUnifiesToo() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emitGlobal("lid_mapping", object().put("lid", BOB_LID_JID).put("pn", BOB_JID));
            bed.sidecar.emit("message", ALICE, message(BOB_LID_JID, BOB_LID_JID, "L1", "hi"));
            assertEquals(PortalRef.ofLogin(BOB, ALICE), nextMessage(alice.sink(), "L1").portal());
            // Someone whose number WhatsApp hides gets a LID ghost, and keeps it when the number shows up later.
            String carol = "555000111222333@lid";
            bed.sidecar.emit("message", ALICE, message(carol, carol, "C1", "hidden number"));
            assertEquals("lid-555000111222333", nextMessage(alice.sink(), "C1").sender().remoteUserId());
            bed.sidecar.emitGlobal("lid_mapping", object().put("lid", carol).put("pn", "33611111111@s.whatsapp.net"));
            bed.sidecar.emit("message", ALICE, message("33611111111@s.whatsapp.net", "33611111111@s.whatsapp.net",
                    "C2", "now by phone"));
            assertEquals(PortalRef.ofLogin("lid-555000111222333", ALICE), nextMessage(alice.sink(), "C2").portal());
        }
    }

    @Test
    void whatsAppMarkupRepliesEditsDeletionsReactionsReceiptsAndTyping() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            var sink = alice.sink();
            bed.sidecar.emit("message", ALICE, message(GROUP, BOB_JID, "F1", "*bold* and _it_ ~no~ `x`"));
            var text = assertInstanceOf(MessageContent.Text.class, nextMessage(sink, "F1").parts().getFirst().content());
            assertEquals(FormattedText.of("bold and it no x", new Entity(0, 4, EntityType.BOLD),
                    new Entity(9, 2, EntityType.ITALIC), new Entity(12, 2, EntityType.STRIKETHROUGH),
                    new Entity(15, 1, EntityType.CODE)), text.text());

            ObjectNode reply = message(GROUP, BOB_JID, "F2", "answer");
            reply.putObject("replyTo").put("id", "F1").put("participant", BOB_JID);
            bed.sidecar.emit("message", ALICE, reply);
            assertEquals(Optional.of("F1"), nextMessage(sink, "F2").replyTo());

            ObjectNode edit = object().put("chat", GROUP).put("sender", BOB_JID).put("target", "F2").put("fromMe", false)
                    .put("timestamp", 1_700_000_001_000L);
            edit.putObject("content").put("kind", "text").put("text", "better answer");
            bed.sidecar.emit("edit", ALICE, edit);
            var edited = sink.await(RemoteEvent.Edit.class, e -> e.messageId().equals("F2"));
            assertEquals("better answer", ((MessageContent.Text) edited.newContent()).text().text());

            bed.sidecar.emit("reaction", ALICE, object().put("chat", GROUP).put("sender", BOB_JID).put("target", "F1")
                    .put("emoji", "👍").put("removed", false));
            assertEquals("👍", sink.await(RemoteEvent.Reaction.class, r -> r.messageId().equals("F1")).emoji());
            bed.sidecar.emit("reaction", ALICE, object().put("chat", GROUP).put("sender", BOB_JID).put("target", "F1")
                    .put("emoji", "").put("removed", true));
            var removed = sink.await(RemoteEvent.ReactionRemoved.class, r -> r.messageId().equals("F1"));
            assertEquals(Optional.empty(), removed.emoji(), "WhatsApp names no emoji: the sender's reaction goes");
            assertEquals(BOB, removed.sender().remoteUserId());

            bed.sidecar.emit("delete", ALICE, object().put("chat", GROUP).put("sender", BOB_JID).put("target", "F2"));
            sink.await(RemoteEvent.MessageDeleted.class, d -> d.messageId().equals("F2"));
            bed.sidecar.emit("receipt", ALICE, object().put("chat", BOB_JID).put("target", "X1").put("reader", BOB_JID)
                    .put("timestamp", 1_700_000_002_000L));
            var read = sink.await(RemoteEvent.ReadReceipt.class, r -> r.messageId().equals("X1"));
            assertEquals(PortalRef.ofLogin(BOB, ALICE), read.portal());
            bed.sidecar.emit("typing", ALICE, object().put("chat", GROUP).put("sender", BOB_LID_JID).put("state", "typing"));
            assertTrue(sink.await(RemoteEvent.Typing.class, t -> true).typing());
        }
    }

    @Test
    void mediaIsDownloadedThroughTheSidecarOnlyWhenOpened() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.on("media.download", r -> object().put("data",
                    Base64.getEncoder().encodeToString(("bytes of " + r.params().path("raw").asText())
                            .getBytes(StandardCharsets.UTF_8))));
            ObjectNode voice = object().put("chat", BOB_JID).put("sender", BOB_JID).put("id", "V1").put("fromMe", false)
                    .put("timestamp", 1_700_000_000_000L).put("raw", "RAWMSG");
            voice.putObject("content").put("kind", "voice").put("mimetype", "audio/ogg; codecs=opus").put("seconds", 4)
                    .put("size", 12);
            bed.sidecar.emit("message", ALICE, voice);
            var media = assertInstanceOf(MessageContent.Media.class,
                    nextMessage(alice.sink(), "V1").parts().getFirst().content());
            assertEquals(MessageContent.MediaKind.VOICE, media.kind());
            assertEquals(Optional.of(4000L), media.durationMs());
            assertEquals(List.of(), bed.sidecar.requests("media.download"), "nothing fetched before it is needed");
            try (var in = media.media().open()) {
                assertEquals("bytes of RAWMSG", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void matrixSendsBecomeSidecarRequests() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emit("message", ALICE, message(GROUP, BOB_JID, "B1", "question"));
            nextMessage(alice.sink(), "B1");
            WhatsAppClient client = alice.client();

            var sent = client.sendMessage(new OutgoingMessage(GROUP, "$ev1", new MessageContent.Text(
                    FormattedText.of("hello world", new Entity(0, 5, EntityType.BOLD)), MessageContent.TextKind.NORMAL),
                    Optional.of(new MessageTarget(GROUP, "B1")), Optional.empty()));
            var request = bed.sidecar.requests("send.message").getFirst().params();
            assertEquals(GROUP, request.path("chat").asText());
            assertEquals("*hello* world", request.path("content").path("text").asText());
            assertEquals("B1", request.path("replyTo").path("id").asText());
            assertEquals(BOB_JID, request.path("replyTo").path("participant").asText(), "the quoted sender");
            assertEquals(WhatsAppClient.messageIdFor("$ev1"), sent.messageId());

            client.sendMessage(new OutgoingMessage(BOB, "$ev2", new MessageContent.Media(MessageContent.MediaKind.IMAGE,
                    () -> new ByteArrayInputStream(new byte[] {1, 2, 3}), "cat.png", "image/png", 3, Optional.empty(),
                    Optional.empty(), FormattedText.plain("a cat")), Optional.empty(), Optional.empty()));
            var image = bed.sidecar.requests("send.message").get(1).params();
            assertEquals(BOB_JID, image.path("chat").asText(), "a DM is addressed to the person's JID");
            assertEquals("image", image.path("content").path("kind").asText());
            assertEquals("AQID", image.path("content").path("data").asText());
            assertEquals("a cat", image.path("content").path("caption").asText());

            MessageTarget mine = new MessageTarget(GROUP, sent.messageId());
            client.sendEdit(new OutgoingEdit(mine, "", "$ev3", new MessageContent.Text(FormattedText.plain("hello!"),
                    MessageContent.TextKind.NORMAL)));
            client.sendReaction(new OutgoingReaction(new MessageTarget(GROUP, "B1"), "❤️"));
            client.removeReaction(new OutgoingReaction(new MessageTarget(GROUP, "B1"), "❤️"));
            client.deleteMessage(mine);
            client.markRead(new MessageTarget(GROUP, "B1"));
            client.setTyping(GROUP, true);

            var edit = bed.sidecar.requests("send.edit").getFirst().params();
            assertTrue(edit.path("target").path("fromMe").asBoolean(), "our own message is edited as ours");
            assertEquals("hello!", edit.path("content").path("text").asText());
            var reactions = bed.sidecar.requests("send.reaction");
            assertEquals("❤️", reactions.get(0).params().path("emoji").asText());
            assertEquals("", reactions.get(1).params().path("emoji").asText());
            assertFalse(reactions.get(0).params().path("target").path("fromMe").asBoolean());
            assertEquals(sent.messageId(), bed.sidecar.requests("send.delete").getFirst().params().path("target")
                    .path("id").asText());
            assertEquals(BOB_JID, bed.sidecar.requests("send.read").getFirst().params().path("target")
                    .path("participant").asText());
            assertEquals("typing", bed.sidecar.requests("send.typing").getFirst().params().path("state").asText());
        }
    }

    @Test
    void groupInfoMapsAdminsAndUnifiesMembers() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.on("chat.info", r -> {
                ObjectNode g = object().put("id", GROUP).put("name", "The team").put("topic", "Work");
                var ps = g.putArray("participants");
                ps.addObject().put("id", ALICE + "@s.whatsapp.net").put("role", "owner");
                ps.addObject().put("id", BOB_LID_JID).put("pn", BOB_JID).put("role", "admin");
                ps.addObject().put("id", "33699999999@s.whatsapp.net").put("role", "member");
                return g;
            });
            ChatInfo info = alice.client().chatInfo(GROUP);
            assertEquals(Optional.of("The team"), info.name());
            assertEquals(Optional.of("Work"), info.topic());
            assertEquals(List.of(new ChatInfo.ChatMember(ALICE, ChatInfo.Role.OWNER),
                    new ChatInfo.ChatMember(BOB, ChatInfo.Role.ADMIN),
                    new ChatInfo.ChatMember("33699999999", ChatInfo.Role.MEMBER)), info.members());
            ChatInfo dm = alice.client().chatInfo(BOB);
            assertEquals(ChatInfo.ChatKind.DM, dm.kind());
            assertEquals(Optional.of(BOB), dm.dmPartner());
        }
    }

    @Test
    void startChatChecksTheNumberIsOnWhatsApp() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.on("user.check", r -> r.params().path("phone").asText().equals(BOB)
                    ? object().put("exists", true).put("id", BOB_JID).put("lid", BOB_LID_JID)
                    : object().put("exists", false));
            var found = alice.client().resolveIdentifier("+33 6 00 00 00 02", true).orElseThrow();
            assertEquals(BOB, found.remoteUserId());
            assertEquals(Optional.of(BOB), found.dmChatId());
            assertEquals(Optional.empty(), alice.client().resolveIdentifier("+33 6 99 99 99 99", true));
        }
    }

    @Test
    void disconnectReasonsBecomeLoginStatesThatSayWhatToDo() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emit("connection", ALICE, object().put("state", "close").put("reason", "transient")
                    .put("message", "Connection Lost").put("retryInMs", 2000));
            var lost = alice.sink().await(RemoteEvent.LoginStateChanged.class,
                    s -> s.state() == LoginState.TRANSIENT_DISCONNECT);
            assertEquals("Lost the connection to WhatsApp (Connection Lost); reconnecting in 2 s.", lost.message());
            bed.sidecar.emit("connection", ALICE, object().put("state", "close").put("reason", "logged_out")
                    .put("message", "Intentional Logout").put("retryInMs", -1));
            var out = alice.sink().await(RemoteEvent.LoginStateChanged.class, s -> s.state() == LoginState.LOGGED_OUT);
            assertTrue(out.message().contains("linked devices") && out.message().contains("`login`"), out.message());
            assertFalse(alice.client().isLoggedIn());
        }
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emit("connection", ALICE, object().put("state", "close").put("reason", "replaced")
                    .put("message", "Connection Replaced").put("retryInMs", -1));
            var replaced = alice.sink().await(RemoteEvent.LoginStateChanged.class,
                    s -> s.state() == LoginState.BAD_CREDENTIALS);
            assertTrue(replaced.message().contains("connection replaced"), replaced.message());
        }
    }

    @Test
    void logoutRemovesTheDeviceAndItsKeys() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.store.put(ALICE, "creds", new byte[] {1});
            alice.client().logout();
            bed.sidecar.awaitRequest("session.logout", r -> r.params().path("session").asText().equals(ALICE));
            assertEquals(Optional.empty(), bed.store.get(ALICE, "creds"));
            assertFalse(alice.client().isLoggedIn());
        }
    }

    @Test
    void stableMessageIdsLookLikeWhatsAppWebOnes() {
        assertEquals(WhatsAppClient.messageIdFor("$a"), WhatsAppClient.messageIdFor("$a"));
        assertFalse(WhatsAppClient.messageIdFor("$a").equals(WhatsAppClient.messageIdFor("$b")));
        assertTrue(WhatsAppClient.messageIdFor("$a").matches("3EB0[0-9A-F]{18}"));
    }
}
