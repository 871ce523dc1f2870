package io.happy3.adapter.playbook;

import io.happy3.adapter.playbook.YamlNode.Entry;
import io.happy3.adapter.playbook.YamlNode.Mapping;
import io.happy3.adapter.playbook.YamlNode.Position;
import io.happy3.adapter.playbook.YamlNode.Scalar;
import io.happy3.adapter.playbook.YamlNode.Sequence;
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.signal.Signal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the YAML tree of one playbook file into a {@link Playbook}, reporting every problem on the way. */
final class PlaybookReader {
    static final List<String> KEYS = List.of("id", "channels", "agents", "leads", "timezone", "working_hours",
            "signals", "steps", "response_target", "stale_after", "max_nudges_per_agent_per_day", "check_ins");
    static final int MAX_NUDGES_LIMIT = 1000;
    private static final List<String> SIGNALS = Arrays.stream(Signal.values()).map(Signal::wireName).toList();

    private final String file;
    private final SourceText source;
    private final Problems problems;

    PlaybookReader(String file, SourceText source, Problems problems) {
        this.file = file;
        this.source = source;
        this.problems = problems;
    }

    /** The playbook and where its id and channels are written, or an empty playbook when it has problems. */
    LoadResult read(YamlNode root) {
        Optional<Mapping> mapping = Fields.mapping(root, "a playbook file", problems);
        if (mapping.isEmpty()) {
            return LoadResult.broken(file, problems.list());
        }
        Fields fields = new Fields(mapping.get(), "the playbook", KEYS, problems);
        fields.require("id");
        fields.require("steps");
        Optional<String> id = StepReader.identifier(fields, "id");
        Map<String, Position> channels = channels(fields);
        Set<String> agents = texts(fields, "agents");
        Set<String> leads = texts(fields, "leads");
        Optional<ZoneId> timezone = fields.scalar("timezone").flatMap(this::zone);
        Optional<WorkingHours> workingHours = fields.mapping("working_hours").flatMap(this::workingHours);
        Map<Signal, List<String>> signals = fields.mapping("signals").map(this::signals).orElse(Map.of());
        List<Step> steps = steps(fields);
        var responseTarget = fields.duration("response_target", false).orElse(Playbook.DEFAULT_RESPONSE_TARGET);
        var staleAfter = fields.duration("stale_after", false).orElse(Playbook.DEFAULT_STALE_AFTER);
        int maxNudges = fields.positiveInt("max_nudges_per_agent_per_day", MAX_NUDGES_LIMIT)
                .orElse(Playbook.DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY);
        Optional<CheckInRules> checkIns = fields.mapping("check_ins").flatMap(new CheckInReader(problems)::read);
        Position idPosition = fields.entry("id").map(entry -> entry.value().position()).orElse(Position.START);
        if (!problems.isEmpty()) {
            return LoadResult.broken(file, problems.list());
        }
        Playbook playbook = new Playbook(new PlaybookId(id.orElseThrow()), file, List.copyOf(channels.keySet()), agents, leads,
                timezone, workingHours, signals, steps, responseTarget, staleAfter, maxNudges, checkIns);
        return new LoadResult(file, Optional.of(playbook), List.of(), idPosition, channels);
    }

    private Map<String, Position> channels(Fields fields) {
        Map<String, Position> channels = new LinkedHashMap<>();
        for (Scalar channel : fields.textList("channels").orElse(List.of())) {
            if (channels.putIfAbsent(channel.text(), channel.position()) != null) {
                problems.add(channel.position(), "channels: '" + channel.text() + "' is listed twice");
            }
        }
        return channels;
    }

    private static Set<String> texts(Fields fields, String key) {
        Set<String> texts = new LinkedHashSet<>();
        fields.textList(key).orElse(List.of()).forEach(scalar -> texts.add(scalar.text()));
        return texts;
    }

    private Optional<ZoneId> zone(Scalar scalar) {
        try {
            return Optional.of(ZoneId.of(scalar.text()));
        } catch (DateTimeException e) {
            problems.add(scalar.position(), "timezone: '" + scalar.text() + "' is not a time zone"
                    + Suggestions.closest(scalar.text(), ZoneId.getAvailableZoneIds())
                            .map(zone -> "; did you mean '" + zone + "'?")
                            .orElse("; use a region id like Europe/Berlin, America/New_York or UTC"));
            return Optional.empty();
        }
    }

    private Optional<WorkingHours> workingHours(Mapping mapping) {
        return new WorkingHoursReader(problems).read(mapping);
    }

    private Map<Signal, List<String>> signals(Mapping mapping) {
        Map<Signal, List<String>> signals = new EnumMap<>(Signal.class);
        // Every key is a signal name, checked below with a message that says so.
        Fields fields = new Fields(mapping, "signals", List.copyOf(mapping.entries().keySet()), problems);
        for (Entry entry : mapping.entries().values()) {
            Optional<Signal> signal = Signal.fromWireName(entry.key());
            if (signal.isEmpty()) {
                problems.add(entry.keyPosition(), "signals: unknown signal '" + entry.key() + "'"
                        + Suggestions.closest(entry.key(), SIGNALS).map(name -> "; did you mean '" + name + "'?")
                                .orElse("; use " + String.join(", ", SIGNALS)));
            }
            List<String> phrases = new ArrayList<>();
            fields.textList(entry.key()).orElse(List.of()).forEach(scalar -> phrases.add(scalar.text()));
            signal.ifPresent(known -> signals.put(known, List.copyOf(phrases)));
        }
        return signals;
    }

    private List<Step> steps(Fields fields) {
        List<Step> steps = new ArrayList<>();
        Map<String, Position> ids = new HashMap<>();
        StepReader reader = new StepReader(source, problems);
        Sequence sequence = fields.list("steps").orElse(new Sequence(List.of(), Position.START));
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            if (item instanceof Mapping mapping && mapping.entries().get("id") != null
                    && mapping.entries().get("id").value() instanceof Scalar id && !id.text().isBlank()) {
                Position first = ids.putIfAbsent(id.text(), id.position());
                if (first != null) {
                    problems.add(id.position(), "id: duplicate step id '" + id.text() + "' (first at line "
                            + first.line() + ")");
                }
            }
            reader.read(item, i).ifPresent(steps::add);
        }
        return steps;
    }
}
