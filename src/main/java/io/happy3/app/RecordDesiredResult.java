package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultSentence;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Use case: the result the customer is after. {@code /happy3 result @customer <text> [by 2026-12-04]} records it
 * on the customer's open issue in this channel; a customer's own sentence stating it is kept as a suggestion the
 * first-response nudge offers. The confirm and follow-up nudges then ask against it ({@link RecallCustomer}).
 */
public final class RecordDesiredResult {
    static final String USAGE = "Usage: /happy3 result @customer <the result they need> [by 2026-12-04]\n"
            + "Ask them: \"" + CustomerRecall.ASK + "\"";
    private static final Pattern BY_DATE = Pattern.compile("\\s+by\\s+(\\d{4}-\\d{2}-\\d{2})\\s*$");
    private static final Duration OPEN_WINDOW = Duration.ofDays(90);

    private final TeamMembership membership;
    private final IssueStore issues;
    private final DesiredResultStore results;
    private final ChatGateway gateway;

    public RecordDesiredResult(TeamDirectory team, IssueStore issues, DesiredResultStore results,
                               ChatGateway gateway) {
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.membership = new TeamMembership(requireNonNull(team, "team == null"));
        this.issues = requireNonNull(issues, "issues == null");
        this.results = requireNonNull(results, "results == null");
    }

    /** Answers {@code /happy3 result <rest>}. */
    public String answer(ChatEvent.CommandInvoked command, String rest) {
        if (!membership.agentOrLead(command.channel(), command.user())) {
            return "Desired results are recorded by this team's agents and leads.";
        }
        ChatMarkup markup = gateway.markup(command.user().platform());
        Optional<ChatMarkup.Mentioned> mentioned = markup.person(KeepCustomerNotes.firstWord(rest));
        String text = KeepCustomerNotes.afterFirstWord(rest);
        if (mentioned.isEmpty() || text.isEmpty()) {
            return USAGE;
        }
        Optional<LocalDate> by = Optional.empty();
        Matcher date = BY_DATE.matcher(text);
        if (date.find()) {
            try {
                by = Optional.of(LocalDate.parse(date.group(1)));
            } catch (DateTimeParseException e) {
                return "`" + date.group(1) + "` is not a date; use YYYY-MM-DD. Nothing was saved.";
            }
            text = text.substring(0, date.start()).strip();
        }
        if (text.length() > DesiredResult.MAX_LENGTH) {
            return "A desired result is at most " + DesiredResult.MAX_LENGTH + " characters. Nothing was saved.";
        }
        UserRef customer = new UserRef(command.user().platform(), command.tenant(), mentioned.get().id());
        String who = markup.mentionUser(customer.user());
        Optional<Issue> issue = openIssue(command, customer);
        if (issue.isEmpty()) {
            return who + " has no open issue in this channel to record a result on.";
        }
        DesiredResult result = DesiredResult.recorded(issue.get().id(), command.tenant(), text, by, command.user(),
                command.at());
        results.save(result);
        return "Recorded: " + who + " needs " + CustomerRecall.phrase(result)
                + ". When you claim a fix, Happy3 asks whether they confirmed *that* works.";
    }

    private Optional<Issue> openIssue(ChatEvent.CommandInvoked command, UserRef customer) {
        return issues.findByCustomer(command.channel(), customer, command.at().minus(OPEN_WINDOW)).stream()
                .filter(issue -> issue.state().active()).max(Comparator.comparing(Issue::lastActivityAt));
    }

    /** Keeps a customer's sentence that states a result as the issue's suggestion, unless one is known already. */
    public void notice(ChatEvent event) {
        if (!(event instanceof ChatEvent.MessagePosted message)) {
            return;
        }
        Optional<String> sentence = DesiredResultSentence.find(message.text());
        if (sentence.isEmpty()) {
            return;
        }
        issues.findByMessage(message.message())
                .filter(issue -> issue.customer().equals(message.author()) && issue.state().active())
                .filter(issue -> results.find(issue.id()).isEmpty())
                .ifPresent(issue -> results.save(DesiredResult.suggested(issue.id(), message.tenant(),
                        sentence.get(), message.at())));
    }
}
