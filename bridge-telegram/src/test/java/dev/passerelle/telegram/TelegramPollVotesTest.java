package dev.passerelle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.telegram.fake.FakeAccount;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polls and votes at Alice's connector, with Bob and Carol voting on the fake Telegram. */
class TelegramPollVotesTest extends AliceClientTest {

    private long group;

    @Override
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob(), FakePeople.carol());
    }

    @BeforeEach
    void start() throws Exception {
        group = bed.telegram.addGroup("Team", true, BOB, ALICE, CAROL);
    }

    @Test
    void aPollArrivesWithItsAnswersAndOthersVotesFollow() throws Exception {
        long poll = bed.telegram.postPoll(BOB, group, "Lunch?", false, false, "pizza", "sushi", "salad");
        String pollId = Long.toString(poll);
        RemoteEvent.Message m = events.await(RemoteEvent.Message.class, e -> e.messageId().equals(pollId));
        MessageContent.Poll content = assertInstanceOf(MessageContent.Poll.class, m.parts().getFirst().content());
        assertEquals(FormattedText.plain("Lunch?"), content.question());
        assertEquals(List.of(new MessageContent.PollOption("0", "pizza"), new MessageContent.PollOption("1", "sushi"),
                new MessageContent.PollOption("2", "salad")), content.options());
        assertEquals(1, content.maxSelections());

        bed.telegram.vote(CAROL, group, poll, 1);
        RemoteEvent.PollVote carol = events.await(RemoteEvent.PollVote.class, v -> true);
        assertEquals("1003", carol.sender().remoteUserId());
        assertEquals(pollId, carol.pollMessageId());
        assertEquals(List.of("1"), carol.optionIds());

        bed.telegram.vote(CAROL, group, poll, 2);
        events.await(RemoteEvent.PollVote.class, v -> v.optionIds().equals(List.of("2")));
        bed.telegram.vote(CAROL, group, poll);
        RemoteEvent.PollVote retracted = events.await(RemoteEvent.PollVote.class, v -> v.optionIds().isEmpty());
        assertEquals("1003", retracted.sender().remoteUserId());
    }

    @Test
    void aVoteFromMatrixIsSentOnceAndNotEchoedButOneOnThePhoneIsBridged() throws Exception {
        long poll = bed.telegram.postPoll(BOB, group, "Lunch?", false, true, "pizza", "sushi", "salad");
        events.await(RemoteEvent.Message.class, e -> e.messageId().equals(Long.toString(poll)));
        alice.vote(new MessageTarget(Long.toString(group), Long.toString(poll)), List.of("0", "2"));
        var request = bed.telegram.requests(ALICE, "setPollAnswer").getFirst();
        assertEquals("[0,2]", request.path("option_ids").toString());

        // Carol's vote comes after Alice's echo: by then an echo would have been emitted
        bed.telegram.vote(CAROL, group, poll, 1);
        events.await(RemoteEvent.PollVote.class, v -> v.sender().remoteUserId().equals("1003"));
        assertEquals(List.of(), events.all(RemoteEvent.PollVote.class).stream()
                .filter(v -> v.sender().remoteUserId().equals("1001")).toList(), "Alice's Matrix vote, not echoed");

        bed.telegram.vote(ALICE, group, poll, 1); // on her phone
        RemoteEvent.PollVote mine = events.await(RemoteEvent.PollVote.class,
                v -> v.sender().remoteUserId().equals("1001"));
        assertTrue(mine.sender().fromMe());
        assertEquals(List.of("1"), mine.optionIds());
    }

    @Test
    void inAnAnonymousPollOnlyTheLoginsOwnVoteIsKnown() throws Exception {
        long poll = bed.telegram.postPoll(BOB, group, "Secret ballot", true, false, "yes", "no");
        events.await(RemoteEvent.Message.class, e -> e.messageId().equals(Long.toString(poll)));
        bed.telegram.vote(CAROL, group, poll, 0);
        bed.telegram.vote(ALICE, group, poll, 1);
        RemoteEvent.PollVote vote = events.await(RemoteEvent.PollVote.class, v -> true);
        assertEquals("1001", vote.sender().remoteUserId());
        assertEquals(1, events.all(RemoteEvent.PollVote.class).size(), "Carol's vote is anonymous");
    }

    @Test
    void aMatrixPollBecomesAPublicTelegramPollAnonymousInChannelsAndTooManyAnswersAreRefused() throws Exception {
        MessageContent.Poll poll = new MessageContent.Poll(FormattedText.plain("When?"), List.of(
                new MessageContent.PollOption("a", "Monday"), new MessageContent.PollOption("b", "Friday")), 2);
        SentMessage sent = alice.sendMessage(new OutgoingMessage(Long.toString(group), "$poll", poll,
                Optional.empty(), Optional.empty()));
        ObjectNode content = bed.telegram.contentOf(BOB, group, Long.parseLong(sent.messageId()));
        assertEquals("messagePoll", content.path("@type").asText());
        assertEquals("When?", content.path("poll").path("question").path("text").asText());
        assertEquals("Friday", content.path("poll").path("options").get(1).path("text").path("text").asText());
        assertEquals(false, content.path("poll").path("is_anonymous").asBoolean());
        assertEquals(true, content.path("poll").path("allows_multiple_answers").asBoolean());

        long channel = bed.telegram.addChannel("News", ALICE, BOB);
        SentMessage inChannel = alice.sendMessage(new OutgoingMessage(Long.toString(channel), "$chan", poll,
                Optional.empty(), Optional.empty()));
        assertEquals(true, bed.telegram.contentOf(BOB, channel, Long.parseLong(inChannel.messageId())).path("poll")
                .path("is_anonymous").asBoolean(), "channels take anonymous polls only");

        MessageContent.Poll big = new MessageContent.Poll(FormattedText.plain("Pick"), IntStream.range(0, 13)
                .mapToObj(i -> new MessageContent.PollOption("o" + i, "answer " + i)).toList(), 1);
        NetworkException e = assertThrows(NetworkException.class, () -> alice.sendMessage(new OutgoingMessage(
                Long.toString(group), "$big", big, Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("2 to 12 answers"), e.getMessage());
    }
}
