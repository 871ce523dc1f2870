package io.happy3.domain.nudge;

import java.util.List;

/**
 * An agent's inbox as a view shows it: the first nudges sent and not yet answered ({@code waiting}) and the first
 * still to come ({@code upcoming}), each by due time, with how many there are of each.
 */
public record NudgeInbox(List<Nudge> waiting, int waitingCount, List<Nudge> upcoming, int upcomingCount) {
    public NudgeInbox {
        waiting = List.copyOf(waiting);
        upcoming = List.copyOf(upcoming);
    }

    /** The page of {@code limit} of each kind from a whole inbox ({@link NudgeStore#findInbox(io.happy3.domain.chat.UserRef)}). */
    public static NudgeInbox of(List<Nudge> inbox, int limit) {
        List<Nudge> sent = inbox.stream().filter(nudge -> nudge.status() == NudgeStatus.SENT).toList();
        List<Nudge> open = inbox.stream().filter(nudge -> nudge.status().open()).toList();
        return new NudgeInbox(sent.stream().limit(limit).toList(), sent.size(), open.stream().limit(limit).toList(),
                open.size());
    }
}
