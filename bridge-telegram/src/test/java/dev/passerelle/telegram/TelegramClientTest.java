package dev.passerelle.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.telegram.fake.FakeAccount;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alice's account bridged through the connector, with Bob and Carol on the fake Telegram. */
class TelegramClientTest extends AliceClientTest {

    @Override
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob().withUsername("bobby"), FakePeople.carol());
    }

    @Test
    void aPrivateMessageBelongsToTheLoginsPortalAndAGroupMessageToASharedOne() throws Exception {
        long id = bed.telegram.write(BOB, ALICE, "hi Alice 👋");
        RemoteEvent.Message dm = events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(id)));
        assertEquals(PortalRef.ofLogin("1002", "1001"), dm.portal());
        assertEquals("1002", dm.sender().remoteUserId());
        assertEquals(FormattedText.plain("hi Alice 👋"), text(dm));

        long group = bed.telegram.addGroup("Team", true, CAROL, ALICE, BOB);
        long inGroup = bed.telegram.write(CAROL, group, "hello team");
        RemoteEvent.Message g = events.await(RemoteEvent.Message.class,
                m -> m.messageId().equals(Long.toString(inGroup)));
        assertEquals(PortalRef.shared(Long.toString(group)), g.portal());
    }

    @Test
    void aMatrixMessageGetsItsFinalIdAndKeepsItsFormatting() throws Exception {
        FormattedText text = FormattedText.of("bold 😀 move", new Entity(0, 7, EntityType.BOLD));
        SentMessage sent = alice.sendMessage(new OutgoingMessage("1002", "$e1",
                new MessageContent.Text(text, MessageContent.TextKind.NORMAL), Optional.empty(), Optional.empty()));
        long id = Long.parseLong(sent.messageId());
        assertEquals(List.of(id), bed.telegram.messageIds(BOB, ALICE), "the final id, not the temporary one");
        ObjectNode content = bed.telegram.contentOf(BOB, ALICE, id);
        assertEquals("bold 😀 move", content.path("text").path("text").asText());
        assertEquals("textEntityTypeBold", content.path("text").path("entities").get(0).path("type").path("@type").asText());
        assertEquals(7, content.path("text").path("entities").get(0).path("length").asInt());
        assertTrue(events.all(RemoteEvent.Message.class).isEmpty(), "no echo of the bridge's own message");
    }

    @Test
    void aPillOfAGhostBecomesAMentionOfThatUser() throws Exception {
        FormattedText text = FormattedText.of("hi Bob!", new Entity(3, 3,
                new EntityType.UserMention("@telegram_1002:example.org")));
        SentMessage sent = alice.sendMessage(new OutgoingMessage("1003", "$e1",
                new MessageContent.Text(text, MessageContent.TextKind.NORMAL), Optional.empty(), Optional.empty()));
        ObjectNode entity = (ObjectNode) bed.telegram.contentOf(CAROL, ALICE, Long.parseLong(sent.messageId()))
                .path("text").path("entities").get(0);
        assertEquals("textEntityTypeMentionName", entity.path("type").path("@type").asText());
        assertEquals(1002, entity.path("type").path("user_id").asLong());
        assertEquals(3, entity.path("offset").asInt());
    }

    @Test
    void aRefusedSendSaysWhy() {
        bed.telegram.failNextSend("CHAT_WRITE_FORBIDDEN");
        NetworkException e = assertThrows(NetworkException.class, () -> alice.sendMessage(new OutgoingMessage("1002",
                "$e1", new MessageContent.Text(FormattedText.plain("x"), MessageContent.TextKind.NORMAL),
                Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("CHAT_WRITE_FORBIDDEN"), e.getMessage());
        assertEquals(List.of(), bed.telegram.messageIds(BOB, ALICE));
    }

    @Test
    void repliesEditsDeletionsReactionsReceiptsAndTypingFromMatrix() throws Exception {
        long bobs = bed.telegram.write(BOB, ALICE, "question?");
        events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(bobs)));
        SentMessage answer = alice.sendMessage(new OutgoingMessage("1002", "$e1", plain("answer"),
                Optional.of(new MessageTarget("1002", Long.toString(bobs))), Optional.empty()));
        long answerId = Long.parseLong(answer.messageId());

        alice.sendEdit(new OutgoingEdit(new MessageTarget("1002", answer.messageId()), "", "$e2", plain("answer!")));
        assertEquals(Optional.of("answer!"), bed.telegram.textOf(BOB, ALICE, answerId));

        alice.sendReaction(new OutgoingReaction(new MessageTarget("1002", Long.toString(bobs)), "👍"));
        alice.markRead(new MessageTarget("1002", Long.toString(bobs)));
        alice.setTyping("1002", true);
        var sentRequests = List.of("sendMessage", "editMessageText", "addMessageReaction", "viewMessages",
                "sendChatAction");
        for (String type : sentRequests) {
            assertEquals(1, bed.telegram.requests(ALICE, type).size(), type);
        }
        assertEquals(bobs, bed.telegram.requests(ALICE, "sendMessage").getFirst().path("reply_to")
                .path("message_id").asLong());
        assertTrue(bed.telegram.requests(ALICE, "viewMessages").getFirst().path("force_read").asBoolean());

        alice.deleteMessage(new MessageTarget("1002", answer.messageId()));
        assertEquals(List.of(bobs), bed.telegram.messageIds(BOB, ALICE));
        assertTrue(bed.telegram.requests(ALICE, "deleteMessages").getFirst().path("revoke").asBoolean());
        assertTrue(events.all(RemoteEvent.Edit.class).isEmpty(), "no echo of the bridge's own edit: "
                + events.all(RemoteEvent.Edit.class));
    }

    @Test
    void editsDeletionsReactionsReceiptsAndTypingFromTelegram() throws Exception {
        long id = bed.telegram.write(BOB, ALICE, "typo");
        events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(id)));
        bed.telegram.edit(BOB, ALICE, id, "fixed");
        RemoteEvent.Edit edit = events.await(RemoteEvent.Edit.class, e -> e.messageId().equals(Long.toString(id)));
        assertEquals(FormattedText.plain("fixed"), ((MessageContent.Text) edit.newContent()).text());
        assertEquals("1002", edit.sender().remoteUserId());

        bed.telegram.react(BOB, ALICE, id, "❤", true);
        RemoteEvent.Reaction r = events.await(RemoteEvent.Reaction.class, e -> e.emoji().equals("❤"));
        assertEquals("1002", r.sender().remoteUserId());
        bed.telegram.react(BOB, ALICE, id, "❤", false);
        events.await(RemoteEvent.ReactionRemoved.class, e -> e.emoji().equals(Optional.of("❤")));

        SentMessage mine = alice.sendMessage(new OutgoingMessage("1002", "$e", plain("mine"), Optional.empty(),
                Optional.empty()));
        bed.telegram.read(BOB, ALICE, Long.parseLong(mine.messageId()));
        RemoteEvent.ReadReceipt read = events.await(RemoteEvent.ReadReceipt.class, e -> true);
        assertEquals(mine.messageId(), read.messageId());
        assertEquals("1002", read.sender().remoteUserId());

        bed.telegram.typing(BOB, ALICE, true);
        RemoteEvent.Typing typing = events.await(RemoteEvent.Typing.class, e -> e.typing());
        assertEquals(PortalRef.ofLogin("1002", "1001"), typing.portal());

        bed.telegram.delete(BOB, ALICE, id);
        events.await(RemoteEvent.MessageDeleted.class, e -> e.messageId().equals(Long.toString(id)));
    }

    @Test
    void photosGoBothWaysWithTheirBytes() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        ObjectNode photo = TdContents.photo(bed.telegram.file(png), "look");
        long id = bed.telegram.post(BOB, ALICE, photo, 0);
        RemoteEvent.Message m = events.await(RemoteEvent.Message.class, e -> e.messageId().equals(Long.toString(id)));
        MessageContent.Media media = assertInstanceOf(MessageContent.Media.class, m.parts().getFirst().content());
        assertEquals(MessageContent.MediaKind.IMAGE, media.kind());
        assertEquals(FormattedText.plain("look"), media.caption());
        assertEquals(Optional.of(new MessageContent.Dimensions(40, 30)), media.dimensions());
        try (InputStream in = media.media().open()) {
            assertArrayEquals(png, in.readAllBytes());
        }

        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 9, 9};
        SentMessage sent = alice.sendMessage(new OutgoingMessage("1002", "$img", new MessageContent.Media(
                MessageContent.MediaKind.IMAGE, () -> new ByteArrayInputStream(jpeg), "cat.jpg", "image/jpeg", 4,
                Optional.of(new MessageContent.Dimensions(2, 2)), Optional.empty(), FormattedText.plain("a cat")),
                Optional.empty(), Optional.empty()));
        ObjectNode content = bed.telegram.contentOf(BOB, ALICE, Long.parseLong(sent.messageId()));
        assertEquals("messagePhoto", content.path("@type").asText());
        assertEquals("a cat", content.path("caption").path("text").asText());
    }

    @Test
    void groupInfoMapsCreatorAndAdminsToPower() throws Exception {
        long group = bed.telegram.addGroup("Team", false, CAROL, ALICE, BOB);
        bed.telegram.makeAdmin(group, BOB);
        ChatInfo info = alice.chatInfo(Long.toString(group));
        assertEquals(ChatInfo.ChatKind.GROUP, info.kind());
        assertEquals(Optional.of("Team"), info.name());
        assertEquals(List.of(new ChatInfo.ChatMember("1003", ChatInfo.Role.OWNER),
                new ChatInfo.ChatMember("1001", ChatInfo.Role.MEMBER),
                new ChatInfo.ChatMember("1002", ChatInfo.Role.ADMIN)), info.members());

        ChatInfo dm = alice.chatInfo("1002");
        assertEquals(ChatInfo.ChatKind.DM, dm.kind());
        assertEquals(Optional.of("1002"), dm.dmPartner());
    }

    @Test
    void historyAfterAMessageComesOldestFirst() throws Exception {
        long first = bed.telegram.write(BOB, ALICE, "one");
        events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(first)));
        alice.disconnect();
        long two = bed.telegram.write(BOB, ALICE, "two");
        long three = bed.telegram.write(BOB, ALICE, "three");
        events.clear();
        alice = bed.connect(new dev.passerelle.core.spi.NewLogin("1001", "Alice",
                secretOf(alice)), events);
        List<RemoteEvent.Message> missed = alice.fetchMessages("1002",
                Optional.of(new HistoryPoint(Long.toString(first), Instant.now())), 50);
        assertEquals(List.of(Long.toString(two), Long.toString(three)),
                missed.stream().map(RemoteEvent.Message::messageId).toList());
        List<RemoteEvent.Message> latest = alice.fetchMessages("1002", Optional.empty(), 2);
        assertEquals(List.of(Long.toString(two), Long.toString(three)),
                latest.stream().map(RemoteEvent.Message::messageId).toList());
    }

    @Test
    void startChatFindsUsersByUsernameOrPhone() throws Exception {
        ResolvedIdentifier byName = alice.resolveIdentifier("@bobby", true).orElseThrow();
        assertEquals("1002", byName.remoteUserId());
        assertEquals(Optional.of("1002"), byName.dmChatId());
        assertEquals(Optional.of("Bob"), byName.profile().name());
        ResolvedIdentifier byPhone = alice.resolveIdentifier("+33 6 00 00 00 03", false).orElseThrow();
        assertEquals("1003", byPhone.remoteUserId());
        assertEquals(Optional.empty(), alice.resolveIdentifier("@nobody_here", false));
        assertThrows(NetworkException.class, () -> alice.resolveIdentifier("not an id!", false));
    }

    private byte[] secretOf(TelegramClient client) throws Exception {
        var field = TelegramClient.class.getDeclaredField("database");
        field.setAccessible(true);
        return ((TdDatabase) field.get(client)).id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static MessageContent plain(String text) {
        return new MessageContent.Text(FormattedText.plain(text), MessageContent.TextKind.NORMAL);
    }

    private static FormattedText text(RemoteEvent.Message m) {
        return ((MessageContent.Text) m.parts().getFirst().content()).text();
    }
}
