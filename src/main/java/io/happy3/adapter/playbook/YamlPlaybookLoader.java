package io.happy3.adapter.playbook;

import static java.util.Objects.requireNonNull;

import io.happy3.adapter.playbook.YamlNode.Position;
import io.happy3.domain.playbook.Playbook;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one playbook YAML file into a {@link Playbook}, strictly: every problem in the file (syntax,
 * unknown keys, bad values) is collected and thrown together in an {@link InvalidPlaybookException}.
 * Stateless and thread-safe.
 */
public final class YamlPlaybookLoader {

    /** The playbook in {@code file}; its {@code source} is the path as given. */
    public Playbook load(Path file) {
        return orThrow(read(file));
    }

    /** The playbook written in {@code yaml}; {@code source} names it in problems and in {@code Playbook.source}. */
    public Playbook parse(String source, String yaml) {
        return orThrow(read(source, yaml));
    }

    LoadResult read(Path file) {
        requireNonNull(file, "file == null");
        String source = file.toString();
        try {
            return read(source, Files.readString(file));
        } catch (NoSuchFileException e) {
            return unreadable(source, "no such file");
        } catch (CharacterCodingException e) {
            return unreadable(source, "the file is not UTF-8 text");
        } catch (IOException e) {
            return unreadable(source, "cannot read the file: " + e);
        }
    }

    LoadResult read(String source, String yaml) {
        requireNonNull(source, "source == null");
        requireNonNull(yaml, "yaml == null");
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTreeReader.read(yaml, problems);
        if (root.isEmpty()) {
            return LoadResult.broken(source, problems.list());
        }
        return new PlaybookReader(source, new SourceText(yaml), problems).read(root.get());
    }

    private static LoadResult unreadable(String source, String message) {
        Problems problems = new Problems(source);
        problems.add(Position.START, message);
        return LoadResult.broken(source, problems.list());
    }

    private static Playbook orThrow(LoadResult result) {
        return result.playbook().orElseThrow(() -> new InvalidPlaybookException(result.problems()));
    }
}
