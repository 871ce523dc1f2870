package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import java.util.function.Consumer;

/**
 * The single entry the platform adapters call for every event they translated: messages, edits,
 * deletions and reactions go to {@link FollowConversation}, commands to {@link RunCommand}, button
 * presses to {@link AnswerNudge} (or to the proud-moment curation for review buttons, or to {@link ListCheckIns}
 * for check-in buttons). {@code afterFollow} sees
 * each conversation event once the issue is saved (a customer's sentence stating the result they need).
 */
public final class EventRouter {
    /** Buttons whose target starts with this prefix curate proud moments rather than answer nudges. */
    public static final String PROUD_TARGET_PREFIX = "proud:";

    private final FollowConversation follow;
    private final RunCommand commands;
    private final AnswerNudge answers;
    private final Consumer<ChatEvent.ActionChosen> proudCuration;
    private final Consumer<ChatEvent.ActionChosen> checkInPresses;
    private final Consumer<ChatEvent> afterFollow;

    public EventRouter(FollowConversation follow, RunCommand commands, AnswerNudge answers,
                       Consumer<ChatEvent.ActionChosen> proudCuration, Consumer<ChatEvent.ActionChosen> checkInPresses,
                       Consumer<ChatEvent> afterFollow) {
        this.checkInPresses = requireNonNull(checkInPresses, "checkInPresses == null");
        this.follow = requireNonNull(follow, "follow == null");
        this.commands = requireNonNull(commands, "commands == null");
        this.answers = requireNonNull(answers, "answers == null");
        this.proudCuration = requireNonNull(proudCuration, "proudCuration == null");
        this.afterFollow = requireNonNull(afterFollow, "afterFollow == null");
    }

    public void route(ChatEvent event) {
        if (event instanceof ChatEvent.CommandInvoked command) {
            commands.run(command);
        } else if (event instanceof ChatEvent.ActionChosen action) {
            if (action.target().startsWith(PROUD_TARGET_PREFIX)) {
                proudCuration.accept(action);
            } else if (action.target().startsWith(ListCheckIns.TARGET_PREFIX)) {
                checkInPresses.accept(action);
            } else {
                answers.answer(action);
            }
        } else {
            follow.handle(event);
            afterFollow.accept(event);
        }
    }
}
