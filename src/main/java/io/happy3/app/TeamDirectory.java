package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Role;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.AgentProfile;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers who is who in a channel: whether it is followed and by which playbook, who the agents and
 * leads are (playbook lists, {@code /happy3 agents|leads}, user groups), and each person's zone.
 * Everyone who is not an agent is a customer; so is anyone from another organisation (Slack Connect).
 */
public final class TeamDirectory {
    private final ChannelSettingsStore channelSettings;
    private final AgentPreferenceStore preferences;
    private final AgentDirectory directory;
    private final PlaybookSource playbooks;
    private final ZoneId teamZone;

    public TeamDirectory(ChannelSettingsStore channelSettings, AgentPreferenceStore preferences,
                         AgentDirectory directory, PlaybookSource playbooks, ZoneId teamZone) {
        this.channelSettings = requireNonNull(channelSettings, "channelSettings == null");
        this.preferences = requireNonNull(preferences, "preferences == null");
        this.directory = requireNonNull(directory, "directory == null");
        this.playbooks = requireNonNull(playbooks, "playbooks == null");
        this.teamZone = requireNonNull(teamZone, "teamZone == null");
    }

    /** The channel's context when it is followed (by a playbook's {@code channels} or {@code /happy3 follow}). */
    public Optional<ChannelContext> followed(ChannelRef channel) {
        Optional<ChannelSettings> settings = channelSettings.find(channel);
        Optional<Playbook> playbook;
        if (settings.isPresent()) {
            if (!settings.get().followed()) {
                return Optional.empty();
            }
            playbook = playbooks.find(settings.get().playbookId()).or(() -> playbooks.forChannel(channel.channel()))
                    .or(this::defaultPlaybook);
        } else {
            playbook = playbooks.forChannel(channel.channel());
        }
        return playbook.map(found -> context(channel, found, settings));
    }

    private ChannelContext context(ChannelRef channel, Playbook playbook, Optional<ChannelSettings> settings) {
        Set<UserRef> agents = new HashSet<>();
        Set<String> leads = new HashSet<>(playbook.leads());
        for (String agent : playbook.agents()) {
            agents.add(new UserRef(channel.platform(), channel.tenant(), agent));
        }
        settings.ifPresent(found -> {
            found.agents().forEach(agent -> agents.add(new UserRef(channel.platform(), channel.tenant(), agent)));
            for (String group : found.agentGroups()) {
                directory.groupMembers(channel.tenant(), group)
                        .forEach(agent -> agents.add(new UserRef(channel.platform(), channel.tenant(), agent)));
            }
            leads.addAll(found.leads());
        });
        return new ChannelContext(channel, playbook, agents, leads);
    }

    /** The playbook with id {@code default}, else the first loaded one. */
    public Optional<Playbook> defaultPlaybook() {
        return playbooks.find(PlaybookId.DEFAULT).or(() -> playbooks.all().stream().findFirst());
    }

    /** The loaded playbook with this id. */
    public Optional<Playbook> playbook(PlaybookId id) {
        return playbooks.find(id);
    }

    /** The playbook whose {@code channels} list names {@code channel}, else the default one. */
    public Optional<Playbook> playbookFor(ChannelRef channel) {
        return playbooks.forChannel(channel.channel()).or(this::defaultPlaybook);
    }

    /** Every loaded playbook by id (the first of two with one id wins). */
    public Map<PlaybookId, Playbook> playbooksById() {
        Map<PlaybookId, Playbook> byId = new LinkedHashMap<>();
        playbooks.all().forEach(playbook -> byId.putIfAbsent(playbook.id(), playbook));
        return byId;
    }

    /** The channel's name as last seen, else as the platform shows it, when known. */
    public Optional<String> channelName(ChannelRef channel) {
        return channelSettings.find(channel).flatMap(ChannelSettings::name).or(() -> directory.channelName(channel));
    }

    /** The channels of {@code tenant} followed by {@code /happy3 follow}. */
    public List<ChannelRef> followedChannels(String tenant) {
        return channelSettings.findFollowed(tenant).stream().map(ChannelSettings::channel).toList();
    }

    /** Every channel followed by {@code /happy3 follow}, across tenants (for the weekly rituals). */
    public List<ChannelRef> allFollowedChannels() {
        return channelSettings.findAllFollowed().stream().map(ChannelSettings::channel).toList();
    }

    public Role roleOf(ChannelContext context, UserRef user, boolean external) {
        return !external && context.isAgent(user) ? Role.AGENT : Role.CUSTOMER;
    }

    /** The person's profile: platform name and zone, overlaid with their own preferences. */
    public AgentProfile profile(UserRef user) {
        AgentProfile known = directory.profile(user);
        return preferences.find(user)
                .map(own -> new AgentProfile(user, known.displayName(), own.zone().or(known::zone), own.mutedUntil(),
                        own.hours()))
                .orElse(known);
    }

    /** The person's zone: their own setting, else the platform's, else the playbook's, else the team's. */
    public ZoneId zoneOf(UserRef user, Optional<Playbook> playbook) {
        return profile(user).zone().or(() -> playbook.flatMap(Playbook::timezone)).orElse(teamZone);
    }

    /** The person's zone under {@code playbook}; what the {@link NudgePlanner} asks. */
    public ZoneId zoneOf(UserRef user, Playbook playbook) {
        return zoneOf(user, Optional.of(playbook));
    }

    /** The person's working hours under {@code playbook}: their own ({@code /happy3 hours}), else the playbook's. */
    public Optional<WorkingHours> hoursOf(UserRef user, Playbook playbook) {
        return preferences.find(user).flatMap(AgentProfile::hours).or(playbook::workingHours);
    }

    public ZoneId teamZone() {
        return teamZone;
    }

    /** The platforms' directory (for {@link CommandRights}: administrators and installers). */
    public AgentDirectory directory() {
        return directory;
    }

    public boolean isLead(ChannelRef channel, UserRef user) {
        return followed(channel).map(context -> context.leads().contains(user.user())).orElse(false);
    }
}
