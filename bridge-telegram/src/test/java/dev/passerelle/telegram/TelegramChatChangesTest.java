package dev.passerelle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Group upgrades, forum topics, secret chats and presence as Alice's connector reports them. */
class TelegramChatChangesTest extends AliceClientTest {

    @Test
    void anUpgradedGroupMovesItsPortalToTheSupergroupOnce() throws Exception {
        long group = bed.telegram.addGroup("Family", false, BOB, ALICE);
        long supergroup = bed.telegram.upgrade(BOB, group);
        long after = bed.telegram.write(BOB, supergroup, "bigger now");
        events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(after)));

        RemoteEvent.PortalMoved moved = events.await(RemoteEvent.PortalMoved.class, e -> true);
        assertEquals(PortalRef.shared(Long.toString(group)), moved.portal());
        assertEquals(Long.toString(supergroup), moved.newChatId());
        assertEquals(1, events.all(RemoteEvent.PortalMoved.class).size(), "both upgrade messages, one move");
        assertEquals(1, events.all(RemoteEvent.Message.class).stream()
                .filter(m -> m.portal().equals(PortalRef.shared(Long.toString(group)))).count(),
                "the notice in the old portal");
        assertEquals(1, events.all(RemoteEvent.Message.class).stream()
                .filter(m -> m.portal().equals(PortalRef.shared(Long.toString(supergroup)))).count(),
                "the supergroup's first message is the move, not a message opening a second room");
    }

    @Test
    void forumTopicsAreThreadsRootedAtTheirFirstMessage() throws Exception {
        long forum = bed.telegram.addForum("Club", BOB, ALICE);
        int topic = bed.telegram.createTopic(BOB, forum, "Trips");
        RemoteEvent.Message created = events.await(RemoteEvent.Message.class, m -> text(m).contains("Trips"));
        assertEquals(Optional.empty(), created.threadRoot(), "the root itself");

        long inTopic = bed.telegram.writeInTopic(BOB, forum, topic, "Lisbon in May?");
        long inGeneral = bed.telegram.writeInTopic(BOB, forum, 1, "welcome all");
        RemoteEvent.Message threaded = events.await(RemoteEvent.Message.class,
                m -> m.messageId().equals(Long.toString(inTopic)));
        assertEquals(Optional.of(created.messageId()), threaded.threadRoot());
        RemoteEvent.Message general = events.await(RemoteEvent.Message.class,
                m -> m.messageId().equals(Long.toString(inGeneral)));
        assertEquals(Optional.empty(), general.threadRoot(), "the General topic is the main timeline");
    }

    @Test
    void aSecretChatIsAUserNoticeNotAPortal() throws Exception {
        long secret = bed.telegram.openSecretChat(BOB, ALICE);
        RemoteEvent.UserNotice notice = events.await(RemoteEvent.UserNotice.class, e -> true);
        assertTrue(notice.message().contains("Bob"), notice.message());
        bed.telegram.write(BOB, secret, "psst");
        long later = bed.telegram.write(BOB, ALICE, "later");
        events.await(RemoteEvent.Message.class, m -> m.messageId().equals(Long.toString(later)));
        assertEquals(1, events.all(RemoteEvent.UserNotice.class).size());
        assertEquals(1, events.all(RemoteEvent.Message.class).size(), "only the DM's message");
    }

    @Test
    void presenceFollowsTheUsersStatus() throws Exception {
        bed.telegram.setOnline(BOB, true);
        RemoteEvent.Presence online = events.await(RemoteEvent.Presence.class, RemoteEvent.Presence::online);
        assertEquals("1002", online.remoteUserId());
        bed.telegram.setOnline(BOB, false);
        RemoteEvent.Presence away = events.await(RemoteEvent.Presence.class, p -> !p.online());
        assertTrue(away.lastSeen().isPresent());
    }

    private static String text(RemoteEvent.Message m) {
        return m.parts().getFirst().content() instanceof MessageContent.Text t ? t.text().text()
                : FormattedText.plain("").text();
    }
}
