package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playbooks of every {@code *.yaml} / {@code *.yml} file in a folder, hot-reloaded: when a file
 * breaks, the last good version of it stays in force and the problems are logged. Thread-safe:
 * readers see an immutable snapshot; reloads are serialised.
 */
public final class PlaybookFolder implements PlaybookSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookFolder.class);

    private final Path folder;
    private final YamlPlaybookLoader loader = new YamlPlaybookLoader();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of());
    private ScheduledExecutorService poller;

    private PlaybookFolder(Path folder) {
        this.folder = requireNonNull(folder, "folder == null");
    }

    /**
     * Loads the folder. Fails with {@link UnableToReadPlaybookFolderException} when it cannot be read,
     * and with {@link InvalidPlaybookException} (all problems of all files) when a file is broken, since
     * at start there is no last good version to fall back on.
     */
    public static PlaybookFolder open(Path folder) {
        PlaybookFolder playbooks = new PlaybookFolder(folder);
        List<PlaybookProblem> problems = playbooks.reload();
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }
        return playbooks;
    }

    @Override
    public List<Playbook> all() {
        return snapshot.playbooks();
    }

    public Path folder() {
        return folder;
    }

    /** The problems of the files whose newest version is not in force; empty when all are good. */
    public List<PlaybookProblem> problems() {
        return snapshot.problems();
    }

    /**
     * Re-reads the folder: changed files are parsed again, good ones replace their previous version,
     * broken ones keep it, deleted ones are dropped. Answers {@link #problems()}.
     */
    public synchronized List<PlaybookProblem> reload() {
        Snapshot previous = snapshot;
        Map<Path, FileState> files = new LinkedHashMap<>();
        PlaybookSet set = new PlaybookSet();
        for (Path file : yamlFiles(folder)) {
            FileState state = reload(file, previous.files().get(file), set);
            files.put(file, state);
            log(file, previous.files().get(file), state);
        }
        previous.files().keySet().stream().filter(file -> !files.containsKey(file))
                .forEach(file -> LOG.info("playbook file {} was removed; its playbook is no longer in force", file));
        List<Playbook> playbooks = new ArrayList<>();
        List<PlaybookProblem> problems = new ArrayList<>();
        for (FileState state : files.values()) {
            state.inForce().flatMap(LoadResult::playbook).ifPresent(playbooks::add);
            problems.addAll(state.problems());
        }
        snapshot = new Snapshot(Map.copyOf(files), List.copyOf(playbooks), List.copyOf(problems));
        return snapshot.problems();
    }

    private FileState reload(Path file, FileState previous, PlaybookSet set) {
        Optional<LoadResult> lastGood = previous == null ? Optional.empty() : previous.inForce();
        Optional<String> content = content(file);
        LoadResult parsed = previous != null && content.isPresent() && content.equals(previous.content())
                ? previous.parsed()
                : loader.read(file);
        List<PlaybookProblem> problems = new ArrayList<>(parsed.problems());
        Optional<LoadResult> inForce = Optional.empty();
        if (parsed.good()) {
            List<PlaybookProblem> conflicts = set.tryAdd(parsed);
            problems.addAll(conflicts);
            inForce = conflicts.isEmpty() ? Optional.of(parsed) : Optional.empty();
        }
        if (inForce.isEmpty() && lastGood.isPresent() && lastGood.get() != parsed
                && set.tryAdd(lastGood.get()).isEmpty()) {
            inForce = lastGood;
        }
        return new FileState(content, parsed, inForce, List.copyOf(problems));
    }

    private static Optional<String> content(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty(); // the loader reports why
        }
    }

    private static void log(Path file, FileState previous, FileState state) {
        // The version in force is compared by identity (an unchanged file reuses its parsed result); comparing the
        // Optionals themselves by reference logged "loaded" on every poll.
        boolean changed = previous == null || !state.problems().equals(previous.problems())
                || state.inForce().orElse(null) != previous.inForce().orElse(null);
        if (!changed) {
            return;
        }
        if (!state.problems().isEmpty()) {
            String kept = state.inForce().flatMap(LoadResult::playbook)
                    .map(playbook -> "keeping the last good version of playbook '" + playbook.id() + "'")
                    .orElse("no version of it is in force");
            LOG.warn("playbook file {} has {} problem(s); {}", file, state.problems().size(), kept);
            state.problems().forEach(problem -> LOG.warn("{}", problem));
        } else {
            Playbook playbook = state.inForce().flatMap(LoadResult::playbook).orElseThrow();
            LOG.info("loaded playbook '{}' from {} ({} steps)", playbook.id(), file, playbook.steps().size());
        }
    }

    /** Reloads every {@code interval} on a daemon thread until {@link #close()}; a failed reload is logged. */
    public synchronized void start(Duration interval) {
        requireNonNull(interval, "interval == null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval <= 0: " + interval);
        }
        if (poller != null) {
            throw new IllegalStateException("already started");
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "playbook-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // A vanished or unreadable folder must not stop the poller; the last snapshot stays in force.
            LOG.warn("reloading playbooks from {} failed; keeping the playbooks in force", folder, e);
        }
    }

    /** The {@code *.yaml} and {@code *.yml} files directly in {@code folder}, by name. */
    static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UnableToReadPlaybookFolderException("playbook folder " + folder.toAbsolutePath()
                    + " does not exist or is not a folder", null);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
            stream.forEach(file -> {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            });
        } catch (IOException e) {
            throw new UnableToReadPlaybookFolderException("cannot read playbook folder " + folder.toAbsolutePath()
                    + ": " + e, e);
        }
        files.sort(null);
        return files;
    }

    private record FileState(Optional<String> content, LoadResult parsed, Optional<LoadResult> inForce,
                             List<PlaybookProblem> problems) {
    }

    private record Snapshot(Map<Path, FileState> files, List<Playbook> playbooks, List<PlaybookProblem> problems) {
    }
}
