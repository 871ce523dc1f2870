package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.nudge.ChatGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Use case: {@code /happy3 note …} and {@code /happy3 notes @customer} — agents and leads keep short notes on a
 * customer, list, edit and delete them. Anyone else (a customer in a shared channel) is refused and sees no note.
 */
public final class KeepCustomerNotes {
    static final String USAGE = """
            Customer notes (seen only by this team's agents and leads):
            • /happy3 note @customer <text> — add a note, e.g. "migrating to SSO in Q1"
            • /happy3 notes @customer — list the notes on a customer, newest first
            • /happy3 note edit <id> <new text> — change a note
            • /happy3 note delete <id> — delete a note""";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final TeamMembership membership;
    private final CustomerNoteStore notes;
    private final ChatGateway gateway;
    private final ZoneId zone;
    private final Clock clock;

    public KeepCustomerNotes(TeamDirectory team, CustomerNoteStore notes, ChatGateway gateway, Clock clock) {
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.membership = new TeamMembership(requireNonNull(team, "team == null"));
        this.notes = requireNonNull(notes, "notes == null");
        this.zone = team.teamZone();
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Answers {@code /happy3 note <rest>} ({@code listOnly} for {@code /happy3 notes <rest>}). */
    public String answer(ChatEvent.CommandInvoked command, String rest, boolean listOnly) {
        if (!membership.agentOrLead(command.channel(), command.user())) {
            return "Customer notes are kept by this team's agents and leads only.";
        }
        String verb = CommandText.verb(rest);
        if (!listOnly && verb.equals("edit")) {
            return edit(command, CommandText.rest(rest));
        }
        if (!listOnly && verb.equals("delete")) {
            return delete(command, CommandText.rest(rest).strip());
        }
        ChatMarkup markup = gateway.markup(command.user().platform());
        Optional<ChatMarkup.Mentioned> mentioned = markup.person(firstWord(rest));
        if (mentioned.isEmpty()) {
            return USAGE;
        }
        UserRef customer = new UserRef(command.user().platform(), command.tenant(), mentioned.get().id());
        String text = afterFirstWord(rest);
        return listOnly || text.isEmpty() ? list(markup, command.tenant(), customer)
                : add(markup, command, customer, text);
    }

    /** The latest {@code limit} notes on {@code customer} in their own tenant, newest first (for nudges). */
    public List<CustomerNote> latest(UserRef customer, int limit) {
        return notes.findAbout(customer.tenant(), customer).stream().limit(limit).toList();
    }

    /** The first word of {@code text}; a markup token ({@code <…>}, which may hold spaces) counts as one word. */
    static String firstWord(String text) {
        String trimmed = text.strip();
        int end = trimmed.startsWith("<") ? trimmed.indexOf('>') + 1 : trimmed.indexOf(' ');
        return end <= 0 ? trimmed : trimmed.substring(0, end);
    }

    /** Everything after {@link #firstWord}. */
    static String afterFirstWord(String text) {
        return text.strip().substring(firstWord(text).length()).strip();
    }

    private String add(ChatMarkup markup, ChatEvent.CommandInvoked command, UserRef customer, String text) {
        Optional<String> problem = CustomerNote.problem(text);
        if (problem.isPresent()) {
            return problem.get() + " Nothing was saved.";
        }
        String id = idFor(command.eventId());
        notes.add(new CustomerNote(id, command.tenant(), customer, command.user(), text, command.at(), command.at()));
        return "Noted on " + markup.mentionUser(customer.user()) + " (`" + id + "`): " + text.strip()
                + "\nNudges about them will show it. Change it with /happy3 note edit " + id + " <text>.";
    }

    private String list(ChatMarkup markup, String tenant, UserRef customer) {
        List<CustomerNote> found = notes.findAbout(tenant, customer);
        String who = markup.mentionUser(customer.user());
        if (found.isEmpty()) {
            return "No notes on " + who + " yet. Add one with /happy3 note " + who + " <text>.";
        }
        StringBuilder text = new StringBuilder("Notes on " + who + ", newest first:");
        for (CustomerNote note : found) {
            text.append("\n• `").append(note.id()).append("` ").append(note.text()).append(" — ")
                    .append(markup.mentionUser(note.author().user())).append(", ")
                    .append(DAY.format(note.updatedAt().atZone(zone)));
        }
        return text.append("\nEdit: /happy3 note edit <id> <text> · Delete: /happy3 note delete <id>").toString();
    }

    private String edit(ChatEvent.CommandInvoked command, String rest) {
        String id = CommandText.verb(rest);
        String text = CommandText.rest(rest);
        if (id.isEmpty() || text.isEmpty()) {
            return "Usage: /happy3 note edit <id> <new text>\n" + USAGE;
        }
        Optional<String> problem = CustomerNote.problem(text);
        if (problem.isPresent()) {
            return problem.get() + " The note is unchanged.";
        }
        Optional<CustomerNote> note = notes.find(command.tenant(), id);
        if (note.isEmpty() || !notes.update(note.get().edited(text, command.user(), clock.instant()))) {
            return noSuchNote(id);
        }
        return "Note `" + id + "` on " + gateway.markup(command.user().platform()).mentionUser(
                note.get().customer().user()) + " now reads: " + text.strip();
    }

    private String delete(ChatEvent.CommandInvoked command, String id) {
        if (id.isEmpty()) {
            return "Usage: /happy3 note delete <id>\n" + USAGE;
        }
        return notes.delete(command.tenant(), id) ? "Deleted note `" + id + "`." : noSuchNote(id);
    }

    private static String noSuchNote(String id) {
        return "No note `" + id + "` here. List a customer's notes with /happy3 notes @customer.";
    }

    /** The same command delivered twice gets the same id, so a redelivery adds no second note. */
    static String idFor(String eventId) {
        return UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    }
}
