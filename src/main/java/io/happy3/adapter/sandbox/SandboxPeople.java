package io.happy3.adapter.sandbox;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentProfile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is in the sandbox's support channel: a few named customers, agents and leads the person can write as.
 * Leads are agents of the channel too (they answer customers as well), and the ones who run {@code /review}.
 */
public final class SandboxPeople implements AgentDirectory {
    /** The sandbox's tenant: every row it writes carries it, and its reset deletes exactly these. */
    public static final String TENANT = "sandbox";
    public static final ChannelRef CHANNEL = new ChannelRef(Platform.LOCAL, TENANT, "support");
    public static final String CHANNEL_NAME = "support";

    /** A person of the sandbox; {@code role} is {@code customer}, {@code agent} or {@code lead}. */
    public record Person(String id, String name, String role) {
        public UserRef user() {
            return new UserRef(Platform.LOCAL, TENANT, id);
        }
    }

    public static final List<Person> PEOPLE = List.of(
            new Person("priya", "Priya (Northwind)", "customer"),
            new Person("marco", "Marco (Bluefin)", "customer"),
            new Person("sofia", "Sofia (Larkspur)", "customer"),
            new Person("anna", "Anna", "agent"),
            new Person("ben", "Ben", "agent"),
            new Person("chloe", "Chloé", "agent"),
            new Person("lea", "Lea", "lead"),
            new Person("sam", "Sam", "lead"));

    public static Optional<Person> find(String id) {
        return PEOPLE.stream().filter(person -> person.id().equals(id)).findFirst();
    }

    static Set<String> ids(String... roles) {
        Set<String> wanted = Set.of(roles);
        return PEOPLE.stream().filter(person -> wanted.contains(person.role())).map(Person::id)
                .collect(Collectors.toSet());
    }

    static String nameOf(UserRef user) {
        return find(user.user()).map(Person::name).orElse(user.user());
    }

    @Override
    public AgentProfile profile(UserRef user) {
        // No zone of their own: the playbook's zone applies, as for a Slack user without a profile zone.
        return new AgentProfile(user, nameOf(user), Optional.empty(), Optional.empty());
    }

    @Override
    public Set<String> groupMembers(String tenant, String groupId) {
        return Set.of();
    }
}
