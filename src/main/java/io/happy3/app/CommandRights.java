package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may change how a channel is coached: {@code follow} (and so its playbook), {@code unfollow},
 * {@code agents} and {@code leads} are for the workspace's administrators (Slack admins and owners,
 * Teams team owners: {@link AgentDirectory#administers}), the channel's leads, and the person who
 * installed the app (its first lead). Where the platform cannot tell administrators and nobody installed
 * it knowingly, a channel without leads is open until someone sets them. A refusal names who may run it.
 */
public final class CommandRights {
    private static final Set<String> GUARDED = Set.of("follow", "unfollow", "agents", "leads");

    private final AgentDirectory directory;
    private final ChannelSettingsStore channelSettings;

    private final ChatMarkup markup;

    /** {@code markup} writes the mentions of the people a refusal names. */
    public CommandRights(AgentDirectory directory, ChannelSettingsStore channelSettings, ChatMarkup markup) {
        this.directory = requireNonNull(directory, "directory == null");
        this.channelSettings = requireNonNull(channelSettings, "channelSettings == null");
        this.markup = requireNonNull(markup, "markup == null");
    }

    /** Empty when {@code command}'s user may run {@code verb} here; else the answer that says who may. */
    public Optional<String> refusal(ChatEvent.CommandInvoked command, String verb) {
        if (!GUARDED.contains(verb)) {
            return Optional.empty();
        }
        UserRef user = command.user();
        Set<String> leads = channelSettings.find(command.channel()).map(ChannelSettings::leads).orElse(Set.of());
        Optional<String> installer = directory.installer(user);
        boolean open = leads.isEmpty() && installer.isEmpty() && !directory.knowsAdministrators(user);
        if (open || leads.contains(user.user()) || installer.filter(user.user()::equals).isPresent()
                || directory.administers(user, command.channel())) {
            return Optional.empty();
        }
        Set<String> allowed = new TreeSet<>(leads);
        installer.ifPresent(allowed::add);
        String people = allowed.isEmpty() ? "" : " (" + allowed.stream().map(markup::mentionUser)
                .collect(Collectors.joining(", ")) + ")";
        return Optional.of("Only " + markup.administrators() + " or this channel's leads" + people + " can run "
                + "/happy3 " + verb + ". Ask one of them, or ask " + markup.anAdministrator()
                + " to add you with /happy3 leads.");
    }
}
