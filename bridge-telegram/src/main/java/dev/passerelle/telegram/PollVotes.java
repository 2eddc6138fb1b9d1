package dev.passerelle.telegram;

import dev.passerelle.telegram.td.api.MessageSender;
import dev.passerelle.telegram.td.api.PollOption;
import dev.passerelle.telegram.td.api.TdPoll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The votes last seen in the polls of one account, to turn TDLib's poll snapshots into who changed their vote.
 * This account's own choice is exact ({@code is_chosen}). Others' votes are known from each option's
 * {@code recent_voter_ids} (non-anonymous polls only, and only the few most recent voters): a voter who appears on
 * an option voted for it; one who drops out of the lists took their vote back only if the poll's voter count fell
 * (otherwise newer voters pushed them out). Only the polls seen most recently are kept.
 */
final class PollVotes {

    /** A voter's choice now: the option positions, empty when they took their vote back. */
    record Change(String voterId, List<String> optionIds) {
    }

    private record Snapshot(Map<String, List<String>> votes, int voterCount) {
    }

    private final String loginId;
    private final Map<String, Snapshot> polls = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 2_000;
        }
    });
    /** Poll id → "chat/message", for bots' {@code updatePollAnswer}, which names the poll only. */
    private final Map<Long, String> messages = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > 2_000;
        }
    });

    PollVotes(String loginId) {
        this.loginId = loginId;
    }

    /** The first sight of a poll: what it holds now is the baseline, not news. */
    void seen(long chatId, long messageId, TdPoll poll) {
        messages.put(poll.id(), chatId + "/" + messageId);
        polls.putIfAbsent(chatId + "/" + messageId, snapshot(poll));
    }

    /** A new snapshot of the poll: the voters whose choice changed since the last one. */
    List<Change> changed(long chatId, long messageId, TdPoll poll) {
        messages.put(poll.id(), chatId + "/" + messageId);
        Snapshot now = snapshot(poll);
        Snapshot before = polls.put(chatId + "/" + messageId, now);
        if (before == null) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        now.votes().forEach((voter, options) -> {
            if (!options.equals(before.votes().get(voter))) {
                changes.add(new Change(voter, options));
            }
        });
        before.votes().forEach((voter, options) -> {
            boolean gone = !now.votes().containsKey(voter);
            if (gone && (voter.equals(loginId) || now.voterCount() < before.voterCount())) {
                changes.add(new Change(voter, List.of()));
            }
        });
        return changes;
    }

    /** This account voted from Matrix: its own echo in the next snapshot is no news. */
    void votedFromMatrix(long chatId, long messageId, List<String> optionIds) {
        polls.computeIfPresent(chatId + "/" + messageId, (k, s) -> {
            Map<String, List<String>> votes = new TreeMap<>(s.votes());
            if (optionIds.isEmpty()) {
                votes.remove(loginId);
            } else {
                votes.put(loginId, List.copyOf(optionIds));
            }
            return new Snapshot(votes, s.voterCount());
        });
    }

    /** The chat and message of a poll seen before ({@code [chatId, messageId]}). */
    Optional<long[]> message(long pollId) {
        return Optional.ofNullable(messages.get(pollId)).map(m -> {
            String[] parts = m.split("/");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        });
    }

    private Snapshot snapshot(TdPoll poll) {
        Map<String, List<String>> votes = new TreeMap<>();
        for (int i = 0; i < poll.options().size(); i++) {
            PollOption option = poll.options().get(i);
            String id = Integer.toString(i);
            if (option.isChosen()) {
                add(votes, loginId, id);
            }
            if (option.recentVoterIds() != null) {
                for (MessageSender s : option.recentVoterIds()) {
                    if (s instanceof MessageSender.User u && !Long.toString(u.userId()).equals(loginId)) {
                        add(votes, Long.toString(u.userId()), id);
                    }
                }
            }
        }
        return new Snapshot(votes, poll.totalVoterCount());
    }

    private static void add(Map<String, List<String>> votes, String voter, String option) {
        List<String> options = new ArrayList<>(votes.getOrDefault(voter, List.of()));
        options.add(option);
        votes.put(voter, List.copyOf(options));
    }
}
