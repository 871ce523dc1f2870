package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.BotCommand;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Durations;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Use case: the chat commands {@code /happy3 …} and {@code /proud …}; {@code /review …} is passed to the
 * review handler. Every command answers privately, and bad usage answers with help.
 */
public final class RunCommand {
    public static final String HELP = BotCommand.help();


    private final TeamDirectory team;
    private final ChannelSettingsStore channelSettings;
    private final AgentPreferenceStore preferences;
    private final NudgeStore nudges;
    private final ProudMomentStore proudMoments;
    private final ChatGateway gateway;
    private final Function<ChatEvent.CommandInvoked, String> review;
    private final Clock clock;
    private final Customers customers;

    /** The commands about customers as people: notes, and the result they need. */
    record Customers(KeepCustomerNotes notes, RecordDesiredResult results, ListCheckIns checkIns) {
        Customers {
            requireNonNull(notes, "notes == null");
            requireNonNull(results, "results == null");
            requireNonNull(checkIns, "checkIns == null");
        }
    }

    /** {@code channelSettings} and {@code preferences} are what the commands change; {@code team} answers. */
    public RunCommand(TeamDirectory team, ChannelSettingsStore channelSettings, AgentPreferenceStore preferences,
                      NudgeStore nudges, ProudMomentStore proudMoments, ChatGateway gateway,
                      Function<ChatEvent.CommandInvoked, String> review, Customers customers, Clock clock) {
        this.team = requireNonNull(team, "team == null");
        this.channelSettings = requireNonNull(channelSettings, "channelSettings == null");
        this.preferences = requireNonNull(preferences, "preferences == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.review = requireNonNull(review, "review == null");
        this.customers = requireNonNull(customers, "customers == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Runs the command and sends the answer to whoever ran it; returns the answer. */
    public String run(ChatEvent.CommandInvoked command) {
        String verb = CommandText.verb(command.arguments());
        Optional<BotCommand> known = BotCommand.of(command.command(), verb.isEmpty() ? "help" : verb);
        String answer = known.map(which -> answer(which, command)).orElseGet(() -> "happy3".equals(command.command())
                ? "I don't know `" + verb + "`.\n" + HELP : "Unknown command /" + command.command() + ".\n" + HELP);
        // /review and a check-in list with its buttons answer for themselves; they return what they sent, or "".
        if (known.filter(which -> which == BotCommand.REVIEW).isEmpty() && !answer.isEmpty()) {
            gateway.reply(command.replyTo(), command.user(), answer);
        }
        return answer;
    }

    private String answer(BotCommand which, ChatEvent.CommandInvoked command) {
        String rest = CommandText.rest(command.arguments());
        Optional<String> refused = new CommandRights(team.directory(), channelSettings,
                gateway.markup(command.user().platform()))
                .refusal(command, which.name().toLowerCase(java.util.Locale.ROOT));
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (which) {
            case FOLLOW -> follow(command, rest);
            case UNFOLLOW -> unfollow(command);
            case AGENTS -> agents(command, rest);
            case LEADS -> leads(command, rest);
            case MUTE -> mute(command, rest);
            case TZ -> timeZone(command, rest);
            case HOURS -> hours(command, rest);
            case INBOX -> inbox(command);
            case NOTE -> customers.notes().answer(command, rest, false);
            case NOTES -> customers.notes().answer(command, rest, true);
            case RESULT -> customers.results().answer(command, rest);
            case CHECKINS -> customers.checkIns().answer(command);
            case HELP -> HELP;
            case PROUD -> proud(command);
            case REVIEW -> review.apply(command);
        };
    }

    private String follow(ChatEvent.CommandInvoked command, String rest) {
        Optional<Playbook> playbook = rest.isBlank() ? team.playbookFor(command.channel())
                : team.playbook(new PlaybookId(rest.strip()));
        if (playbook.isEmpty()) {
            return "No playbook `" + rest.strip() + "`. Loaded: "
                    + team.playbooksById().keySet().stream().map(PlaybookId::value)
                    .collect(java.util.stream.Collectors.joining(", ")) + ".";
        }
        ChannelSettings settings = channelSettings.find(command.channel())
                .map(found -> found.withFollowed(true, playbook.get().id()))
                .orElse(ChannelSettings.followedWith(command.channel(), playbook.get().id()));
        channelSettings.save(settings);
        return "Following this channel with playbook `" + playbook.get().id() + "`. Set the agents with "
                + "/happy3 agents @user… (everyone else counts as a customer).";
    }

    private String unfollow(ChatEvent.CommandInvoked command) {
        Optional<ChannelSettings> settings = channelSettings.find(command.channel());
        PlaybookId playbook = settings.map(ChannelSettings::playbookId).orElse(PlaybookId.DEFAULT);
        channelSettings.save(settings.map(found -> found.withFollowed(false, playbook))
                .orElse(ChannelSettings.followedWith(command.channel(), playbook).withFollowed(false, playbook)));
        return "Stopped following this channel. Open issues keep their history.";
    }

    private String agents(ChatEvent.CommandInvoked command, String rest) {
        ChatMarkup markup = gateway.markup(command.user().platform());
        List<String> users = markup.users(rest);
        List<String> groups = markup.groups(rest);
        if (users.isEmpty() && groups.isEmpty()) {
            return "Usage: /happy3 agents @user… | @usergroup\n" + HELP;
        }
        ChannelSettings settings = settingsFor(command);
        channelSettings.save(settings.withAgents(new HashSet<>(users), new HashSet<>(groups)));
        return "Agents of this channel: " + mentions(markup, users, groups) + ".";
    }

    private String leads(ChatEvent.CommandInvoked command, String rest) {
        ChatMarkup markup = gateway.markup(command.user().platform());
        List<String> users = markup.users(rest);
        if (users.isEmpty()) {
            return "Usage: /happy3 leads @user…\n" + HELP;
        }
        channelSettings.save(settingsFor(command).withLeads(Set.copyOf(users)));
        return "Leads of this channel: " + mentions(markup, users, List.of()) + ".";
    }

    private ChannelSettings settingsFor(ChatEvent.CommandInvoked command) {
        PlaybookId playbook = team.followed(command.channel()).map(context -> context.playbook().id())
                .or(() -> team.defaultPlaybook().map(Playbook::id)).orElse(PlaybookId.DEFAULT);
        return channelSettings.find(command.channel())
                .orElse(ChannelSettings.followedWith(command.channel(), playbook).withFollowed(
                        team.followed(command.channel()).isPresent(), playbook));
    }

    private String mute(ChatEvent.CommandInvoked command, String rest) {
        AgentProfile profile = preferences.find(command.user()).orElse(AgentProfile.unknown(command.user()));
        if ("off".equalsIgnoreCase(rest.strip())) {
            preferences.save(profile.withMutedUntil(Optional.empty()));
            return "Nudges are back on.";
        }
        Optional<Duration> duration = Durations.parse(rest.strip().toLowerCase(java.util.Locale.ROOT));
        if (duration.isEmpty() || duration.get().isZero()) {
            return "Usage: /happy3 mute <duration>|off — e.g. 30m, 2h, 1d\n" + HELP;
        }
        Instant until = clock.instant().plus(duration.get());
        preferences.save(profile.withMutedUntil(Optional.of(until)));
        return "Muted for " + Durations.human(duration.get()) + ". Nudges wait until then; none are lost.";
    }

    private String timeZone(ChatEvent.CommandInvoked command, String rest) {
        if (rest.isBlank()) {
            return "Your time zone: " + team.zoneOf(command.user(), Optional.empty())
                    + ". Change it with /happy3 tz <Area/City>, e.g. Europe/Berlin.";
        }
        try {
            ZoneId zone = ZoneId.of(rest.strip());
            AgentProfile profile = preferences.find(command.user())
                    .orElse(AgentProfile.unknown(command.user()));
            preferences.save(profile.withZone(zone));
            return "Time zone set to " + zone + ". Quiet hours follow it.";
        } catch (DateTimeException e) {
            return "Unknown time zone `" + rest.strip() + "`. Use a name like Europe/Berlin or America/New_York.";
        }
    }

    private String hours(ChatEvent.CommandInvoked command, String rest) {
        AgentProfile profile = preferences.find(command.user()).orElse(AgentProfile.unknown(command.user()));
        ZoneId zone = team.zoneOf(command.user(), Optional.empty());
        if (rest.isBlank()) {
            return profile.hours().map(hours -> "Your working hours: " + hours.text() + " (" + zone + ").")
                    .orElse("You have no working hours of your own; the playbook's apply.")
                    + " Change them with /happy3 hours mon-fri 8:30-16, or /happy3 hours off.";
        }
        if ("off".equalsIgnoreCase(rest.strip())) {
            preferences.save(profile.withHours(Optional.empty()));
            return "Your own working hours are removed; the playbook's apply again.";
        }
        try {
            WorkingHours hours = WorkingHours.parse(rest);
            preferences.save(profile.withHours(Optional.of(hours)));
            return "Working hours set to " + hours.text() + " (" + zone + "). Nudges due outside them wait for "
                    + "the next window; none are lost.";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " Nothing was changed. Usage: /happy3 hours [mon-fri] 9-17 | off";
        }
    }

    private String inbox(ChatEvent.CommandInvoked command) {
        List<Nudge> pending = nudges.findInbox(command.user());
        if (pending.isEmpty()) {
            return "Your inbox is empty. Nothing is waiting on you.";
        }
        // The threads' links looked up together: one read of the kept links instead of one per listed nudge.
        java.util.Map<MessageRef, String> links = gateway.permalinks(pending.stream().map(RunCommand::rootOf)
                .distinct().toList());
        StringBuilder text = new StringBuilder("Your pending nudges:");
        for (Nudge nudge : pending) {
            text.append("\n• ").append(nudge.stepId()).append(" — ").append(nudge.status().name().toLowerCase(
                    java.util.Locale.ROOT)).append(Optional.ofNullable(links.get(rootOf(nudge)))
                    .map(link -> " " + link).orElse(""));
        }
        return text.toString();
    }

    private static MessageRef rootOf(Nudge nudge) {
        String value = nudge.issueId().value();
        return new MessageRef(nudge.channel(), value.substring(value.lastIndexOf(':') + 1));
    }

    private String proud(ChatEvent.CommandInvoked command) {
        String text = command.arguments().strip();
        if (text.isEmpty()) {
            return "Usage: /proud <what you or a teammate did that made a customer happy>";
        }
        List<String> about = gateway.markup(command.user().platform()).users(text);
        proudMoments.add(new ProudMoment("proud:" + command.eventId(), command.tenant(),
                Optional.of(command.channel()), Optional.empty(),
                about.isEmpty() ? Optional.of(command.user())
                        : Optional.of(new io.happy3.domain.chat.UserRef(command.user().platform(), command.tenant(),
                        about.get(0))),
                Optional.of(command.user()), ProudMoment.Source.PROUD_COMMAND, text, Optional.empty(),
                command.at(), ProudMoment.Decision.NOMINATED, Optional.empty()));
        return "Thank you! Nominated for this week's proud moments: " + text;
    }

    private static String mentions(ChatMarkup markup, List<String> users, List<String> groups) {
        List<String> all = new java.util.ArrayList<>();
        users.forEach(user -> all.add(markup.mentionUser(user)));
        groups.forEach(group -> all.add(markup.mentionGroup(group)));
        return String.join(", ", all);
    }
}
