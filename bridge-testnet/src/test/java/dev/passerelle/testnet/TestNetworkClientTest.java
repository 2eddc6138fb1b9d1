package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.SentMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's sending side: what the bridge sends is recorded, kept in history and echoed to other logins. */
class TestNetworkClientTest {

    private final TestNetworkConnector connector = new TestNetworkConnector();
    private final RecordingSink aliceSink = new RecordingSink();
    private final RecordingSink bobSink = new RecordingSink();
    private NetworkClient alice;

    @BeforeEach
    void setUp() throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", "+33600000001"));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003"));
        TestNetwork.addGroup("team", "The team", "alice", "bob", "carol");
        alice = LoginDriver.connected(connector, "+33600000001", aliceSink);
        LoginDriver.connected(connector, "+33600000002", bobSink);
    }

    @Test
    void sendsAreRecordedInOrderWithIdsAndAppearInHistory() throws Exception {
        SentMessage first = alice.sendMessage(text("team", "$e1", "hello"));
        SentMessage second = alice.sendMessage(text("team", "$e2", "again"));
        assertTrue(first.messageId().startsWith("msg-"), first.messageId());
        assertTrue(second.timestamp().isAfter(first.timestamp()));

        var edits = (NetworkClient.EditHandling) alice;
        var reactions = (NetworkClient.ReactionHandling) alice;
        var deletes = (NetworkClient.DeleteHandling) alice;
        MessageTarget target = new MessageTarget("team", first.messageId());
        edits.sendEdit(new OutgoingEdit(target, "", "$e3", plain("hello!")));
        reactions.sendReaction(new OutgoingReaction(target, "👍"));
        reactions.removeReaction(new OutgoingReaction(target, "👍"));
        deletes.deleteMessage(new MessageTarget("team", second.messageId()));
        ((NetworkClient.ReadReceiptHandling) alice).markRead(target);
        ((NetworkClient.TypingHandling) alice).setTyping("team", true);

        List<SentCall> sent = TestNetwork.login("alice").sent();
        assertEquals(8, sent.size(), sent.toString());
        assertEquals(first, assertInstanceOf(SentCall.SendMessage.class, sent.get(0)).result());
        assertInstanceOf(SentCall.SendEdit.class, sent.get(2));
        assertInstanceOf(SentCall.SendReaction.class, sent.get(3));
        assertInstanceOf(SentCall.RemoveReaction.class, sent.get(4));
        assertEquals(new SentCall.DeleteMessage(new MessageTarget("team", second.messageId())), sent.get(5));
        assertEquals(new SentCall.MarkRead(target), sent.get(6));
        assertEquals(new SentCall.SetTyping("team", true), sent.get(7));

        List<RemoteEvent.Message> history = TestNetwork.history("carol", "team");
        assertEquals(1, history.size(), "the deleted message left the history");
        assertEquals(Optional.of("hello!"), TestNetwork.textOf(history.getFirst()), "the edit changed it");
    }

    @Test
    void aSentMessageIsEchoedToOtherLoginsOnlyAsTheyEachSeeTheChat() throws Exception {
        SentMessage inGroup = alice.sendMessage(text("team", "$e1", "to the team"));
        SentMessage inDm = alice.sendMessage(text("bob", "$e2", "just to you"));

        List<RemoteEvent> bobGot = bobSink.portalEvents();
        assertEquals(2, bobGot.size(), bobGot.toString());
        var groupEcho = assertInstanceOf(RemoteEvent.Message.class, bobGot.get(0));
        assertEquals(PortalRef.shared("team"), groupEcho.portal());
        assertEquals(inGroup.messageId(), groupEcho.messageId());
        assertEquals("alice", groupEcho.sender().remoteUserId());
        assertFalse(groupEcho.sender().fromMe());
        var dmEcho = assertInstanceOf(RemoteEvent.Message.class, bobGot.get(1));
        assertEquals(PortalRef.ofLogin("alice", "bob"), dmEcho.portal(), "bob's DM with alice is keyed by alice");
        assertEquals(inDm.messageId(), dmEcho.messageId());

        assertTrue(aliceSink.portalEvents().isEmpty(), "no echo to the sender's own client");
    }

    @Test
    void mediaBytesAreReadAtSendTimeAndCanBeOpenedAgain() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        var media = new MessageContent.Media(MessageContent.MediaKind.IMAGE, () -> new java.io.ByteArrayInputStream(png),
                "a.png", "image/png", png.length, Optional.empty(), Optional.empty(), FormattedText.plain(""));
        alice.sendMessage(new OutgoingMessage("team", "$e", media, Optional.empty(), Optional.empty()));
        var sent = (SentCall.SendMessage) TestNetwork.login("alice").sent().getFirst();
        var kept = (MessageContent.Media) sent.message().content();
        try (var in = kept.media().open()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(png, in.readAllBytes());
        }
    }

    @Test
    void votesAreCheckedAgainstThePollAndEchoed() throws Exception {
        RemoteEvent.Message poll = TestNetwork.login("alice").poll("team", "bob", "Lunch?", "Pizza", "Sushi");
        var voting = (NetworkClient.PollVoting) alice;
        MessageTarget target = new MessageTarget("team", poll.messageId());
        voting.vote(target, List.of("1"));
        voting.vote(target, List.of());
        assertThrows(NetworkException.class, () -> voting.vote(target, List.of("7")), "no such answer");
        assertThrows(NetworkException.class, () -> voting.vote(target, List.of("0", "1")), "single choice");
        SentMessage text = alice.sendMessage(text("team", "$t", "not a poll"));
        assertThrows(NetworkException.class, () -> voting.vote(new MessageTarget("team", text.messageId()),
                List.of("0")));
        assertEquals(List.of(new SentCall.Vote(target, List.of("1")), new SentCall.Vote(target, List.of())),
                TestNetwork.login("alice").sent().stream().filter(c -> c instanceof SentCall.Vote).toList());
        List<RemoteEvent.PollVote> seenByBob = bobSink.portalEvents().stream()
                .filter(e -> e instanceof RemoteEvent.PollVote).map(e -> (RemoteEvent.PollVote) e).toList();
        assertEquals(List.of(List.of("1"), List.of()), seenByBob.stream().map(RemoteEvent.PollVote::optionIds)
                .toList());
        assertEquals("alice", seenByBob.getFirst().sender().remoteUserId());
    }

    @Test
    void onlyAdminsAddAndRemovePeopleAndEveryoneSeesTheNewMembers() throws Exception {
        TestNetwork.addAccount(TestAccount.of("dave", "Dave", "+33600000004"));
        var members = (NetworkClient.MembershipHandling) alice;
        members.invite("team", "dave");
        members.kick("team", "carol", "bye");
        assertThrows(NetworkException.class, () -> members.invite("team", "dave"), "already in");
        assertThrows(NetworkException.class, () -> members.invite("team", "nobody"), "no such user");
        assertThrows(NetworkException.class, () -> members.invite("bob", "dave"), "a DM has two people");
        assertEquals(List.of(new SentCall.AddMember("team", "dave"), new SentCall.RemoveMember("team", "carol",
                "bye")), TestNetwork.login("alice").sent());
        var last = (RemoteEvent.ChatInfoChanged) aliceSink.portalEvents().getLast();
        assertEquals(List.of("alice", "bob", "dave"), last.info().members().stream()
                .map(m -> m.remoteUserId()).toList(), "the acting login hears of it too");

        TestNetwork.addGroup("bobs", "Bob's", "bob", "alice");
        NetworkException refused = assertThrows(NetworkException.class, () -> members.invite("bobs", "dave"));
        assertEquals("only admins of Bob's can add people to it", refused.getMessage());
        TestNetwork.login("alice").failNextSend(new NetworkException("flood wait", true));
        assertThrows(NetworkException.class, () -> members.kick("team", "dave", ""));
    }

    @Test
    void failNextSendRefusesOneSendWithoutRecordingIt() throws Exception {
        TestNetwork.login("alice").failNextSend(new NetworkException("Chat is read-only", false));
        NetworkException e = assertThrows(NetworkException.class, () -> alice.sendMessage(text("team", "$1", "x")));
        assertEquals("Chat is read-only", e.getMessage());
        alice.sendMessage(text("team", "$2", "y"));
        assertEquals(1, TestNetwork.login("alice").sent().size());
        assertEquals(1, bobSink.portalEvents().size(), "the refused message was not echoed");
    }

    @Test
    void editingSomeoneElsesMessageOrAnUnknownOneIsRefused() throws Exception {
        RemoteEvent.Message fromBob = TestNetwork.login("alice").message("team", "bob", "mine");
        var edits = (NetworkClient.EditHandling) alice;
        assertThrows(NetworkException.class, () -> edits.sendEdit(
                new OutgoingEdit(new MessageTarget("team", fromBob.messageId()), "", "$e", plain("no"))));
        assertThrows(NetworkException.class, () -> edits.sendEdit(
                new OutgoingEdit(new MessageTarget("team", "msg-999"), "", "$e", plain("no"))));
        assertTrue(TestNetwork.login("alice").sent().isEmpty());
    }

    @Test
    void historyAfterAMessageIdReturnsWhatCameLaterOldestFirst() throws Exception {
        TestLogin login = TestNetwork.login("alice");
        RemoteEvent.Message seen = login.message("team", "bob", "one");
        login.messageWhileAway("team", "carol", "two");
        login.messageWhileAway("team", "bob", "three");
        login.messageWhileAway("team", "bob", "four");

        var history = (NetworkClient.HistoryFetching) alice;
        List<RemoteEvent.Message> after = history.fetchMessages("team",
                Optional.of(new NetworkClient.HistoryPoint(seen.messageId(), seen.timestamp())), 2);
        assertEquals(List.of("two", "three"), after.stream().map(m -> TestNetwork.textOf(m).orElseThrow()).toList());
        List<RemoteEvent.Message> latest = history.fetchMessages("team", Optional.empty(), 2);
        assertEquals(List.of("three", "four"), latest.stream().map(m -> TestNetwork.textOf(m).orElseThrow()).toList());
        // A message deleted since: what came after its time.
        List<RemoteEvent.Message> afterDeleted = history.fetchMessages("team",
                Optional.of(new NetworkClient.HistoryPoint("msg-404", seen.timestamp())), 5);
        assertEquals(List.of("two", "three", "four"),
                afterDeleted.stream().map(m -> TestNetwork.textOf(m).orElseThrow()).toList());
    }

    @Test
    void chatAndUserInfoComeFromTheWorld() throws Exception {
        var group = alice.chatInfo("team");
        assertEquals(Optional.of("The team"), group.name());
        assertEquals(3, group.members().size());
        var dm = alice.chatInfo("bob");
        assertEquals(Optional.of("bob"), dm.dmPartner());
        assertEquals(Optional.of("Bob"), alice.userInfo("bob").name());
        assertThrows(NetworkException.class, () -> alice.userInfo("nobody"));
        assertThrows(NetworkException.class, () -> alice.chatInfo("elsewhere"));
    }

    @Test
    void identifiersResolveByPhoneOrUsername() throws Exception {
        TestNetwork.addAccount(TestAccount.of("dave", "Dave", "+33600000004").withUsername("dave_d"));
        var resolving = (NetworkClient.IdentifierResolving) alice;
        var byName = resolving.resolveIdentifier("@dave_d", false).orElseThrow();
        assertEquals("dave", byName.remoteUserId());
        assertEquals(Optional.empty(), byName.dmChatId(), "no DM yet and none asked for");
        var created = resolving.resolveIdentifier("+33600000004", true).orElseThrow();
        assertEquals(Optional.of("dave"), created.dmChatId());
        assertEquals(Optional.empty(), resolving.resolveIdentifier("+19999999", true));
    }

    private static OutgoingMessage text(String chat, String eventId, String body) {
        return new OutgoingMessage(chat, eventId, plain(body), Optional.empty(), Optional.empty());
    }

    private static MessageContent plain(String body) {
        return new MessageContent.Text(FormattedText.plain(body), MessageContent.TextKind.NORMAL);
    }
}
