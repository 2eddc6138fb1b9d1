package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.fake.FakeAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telegram through the real bridge wiring and a fake homeserver: what Matrix users see, what Telegram gets. */
class TelegramEndToEndTest extends AliceBridgeTest {

    @Override
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob(), FakePeople.carol());
    }

    @Test
    void aTelegramMessageAppearsAsTheSendersGhostAndAnAnswerGoesBack() {
        bed.telegram.write(BOB, ALICE, "hi Alice 👋");
        ObjectNode event = bed.awaitMessage("1002", "hi Alice 👋");
        assertEquals(TelegramBridgeBed.ghost(BOB), event.path("sender").asText());

        String room = bed.portalRoom("1002").orElseThrow();
        ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", "hello Bob")
                .put("format", "org.matrix.custom.html").put("formatted_body", "<b>hello</b> Bob");
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", content);
        until("Bob to get the answer", () -> bed.telegram.texts(BOB, ALICE).contains("hello Bob"),
                () -> "chat: " + bed.telegram.texts(BOB, ALICE));
    }

    @Test
    void aTelegramMentionOfSomeoneBecomesAPillOfTheirGhost() {
        // "thanks Carol": the name is a mention of Carol's account (textEntityTypeMentionName, as for users
        // without a username).
        ObjectNode entity = JSON.createObjectNode().put("@type", "textEntity").put("offset", 7).put("length", 5);
        entity.putObject("type").put("@type", "textEntityTypeMentionName").put("user_id", CAROL);
        ObjectNode content = JSON.createObjectNode().put("@type", "messageText");
        ObjectNode text = content.putObject("text").put("@type", "formattedText").put("text", "thanks Carol");
        text.putArray("entities").add(entity);
        bed.telegram.post(BOB, ALICE, content, 0);

        ObjectNode event = bed.awaitMessage("1002", "thanks Carol");
        String html = event.path("content").path("formatted_body").asText();
        assertTrue(html.contains("<a href=\"https://matrix.to/#/" + TelegramBridgeBed.ghost(CAROL) + "\">Carol</a>"),
                html);
    }

    @Test
    void anAtUsernameMentionOfSomeoneNotMetYetBecomesAPillAndAnUnknownNameStaysText() {
        bed.telegram.add(FakeAccount.user(1004, "Dave", "+33600000004").withUsername("dave_d"));
        ObjectNode content = JSON.createObjectNode().put("@type", "messageText");
        ObjectNode text = content.putObject("text").put("@type", "formattedText")
                .put("text", "ask @dave_d or @nobody_here");
        text.putArray("entities").add(mention(4, 7)).add(mention(15, 12));
        bed.telegram.post(BOB, ALICE, content, 0);
        bed.telegram.post(BOB, ALICE, content.deepCopy(), 0);

        ObjectNode event = bed.awaitMessage("1002", "ask @dave_d or @nobody_here");
        String html = event.path("content").path("formatted_body").asText();
        assertTrue(html.contains("<a href=\"https://matrix.to/#/" + TelegramBridgeBed.ghost(1004) + "\">@dave_d</a>"),
                html);
        assertTrue(html.endsWith("or @nobody_here"), html);
        String room = event.path("room_id").asText();
        until("the second message", () -> bed.messages(room, "ask @dave_d or @nobody_here").size() == 2, () -> "");
        assertEquals(2, bed.telegram.requests(ALICE, "searchPublicChat").size(), "each name asked once, then known");
    }

    private static ObjectNode mention(int offset, int length) {
        ObjectNode entity = JSON.createObjectNode().put("@type", "textEntity").put("offset", offset)
                .put("length", length);
        entity.putObject("type").put("@type", "textEntityTypeMention");
        return entity;
    }

    @Test
    void twoMatrixUsersInTheSameSupergroupShareOnePortal() throws Exception {
        bed.login(CAROL_MXID, "+33600000003", CAROL);
        long group = bed.telegram.addGroup("Team", true, BOB, ALICE, CAROL);
        bed.telegram.write(BOB, group, "hello team");
        bed.awaitMessage(Long.toString(group), "hello team");
        bed.telegram.write(BOB, group, "second");
        String room = bed.awaitMessage(Long.toString(group), "second").path("room_id").asText();
        assertEquals(1, bed.portalRooms(Long.toString(group)));
        assertEquals(1, bed.messages(room, "hello team").size(), "both logins saw it, Matrix shows it once");
        assertEquals(1, bed.messages(room, "second").size());
    }

    @Test
    void groupRenamesAndPictureChangesFollowInTheRoom() {
        long group = bed.telegram.addGroup("Team", false, BOB, ALICE);
        bed.telegram.write(BOB, group, "hello");
        String room = bed.awaitMessage(Long.toString(group), "hello").path("room_id").asText();
        until("the room's name", () -> name(room).equals("Team"), () -> "name: " + name(room));

        bed.telegram.rename(BOB, group, "Dream team");
        until("the room to be renamed", () -> name(room).equals("Dream team"), () -> "name: " + name(room));
        bed.telegram.setGroupPhoto(group, dev.passerelle.testbed.BridgeBed.PNG);
        until("the room's avatar", () -> bed.homeserver.state(room, "m.room.avatar", "")
                .map(e -> e.path("content").path("url").asText().startsWith("mxc://")).orElse(false),
                () -> "state: " + bed.homeserver.state(room, "m.room.avatar", ""));
    }

    private String name(String room) {
        return bed.homeserver.state(room, "m.room.name", "").map(e -> e.path("content").path("name").asText())
                .orElse("");
    }

    @Test
    void messagesThatArriveWhileTheBridgeIsDownAreCaughtUpInOrderOnce() {
        bed.telegram.write(BOB, ALICE, "one");
        String room = bed.awaitMessage("1002", "one").path("room_id").asText();
        bed.stopBridge();
        bed.telegram.write(BOB, ALICE, "two");
        bed.telegram.write(BOB, ALICE, "three");
        bed.start();
        bed.awaitMessage("1002", "three");
        bed.telegram.write(BOB, ALICE, "four");
        bed.awaitMessage("1002", "four");
        List<String> bodies = bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("sender").asText().equals(TelegramBridgeBed.ghost(BOB)))
                .map(e -> e.path("content").path("body").asText()).toList();
        assertEquals(List.of("one", "two", "three", "four"), bodies);
    }
}
