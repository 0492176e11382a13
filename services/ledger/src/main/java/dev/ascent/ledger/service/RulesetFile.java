package dev.ascent.ledger.service;

import dev.ascent.ruleset.Ruleset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A ruleset and the text of the file it was parsed from, kept together so the rules can be shown exactly as the
 * ledger applies them.
 *
 * @param source the file's text (YAML)
 */
public record RulesetFile(Ruleset rules, String source) {

    /** Reads and parses a ruleset file; a file that does not parse fails with the reason. */
    public static RulesetFile load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ruleset " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ruleset the project ships ({@link Ruleset#DEFAULT_RESOURCE} on the class path). */
    public static RulesetFile shipped() {
        try (InputStream in = Ruleset.class.getResourceAsStream(Ruleset.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default ruleset " + Ruleset.DEFAULT_RESOURCE
                        + " is not on the class path");
            }
            return parse(in.readAllBytes(), Ruleset.DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file named (when not blank), else the shipped one. */
    public static RulesetFile loadOrShipped(Optional<String> file) {
        return file.filter(f -> !f.isBlank()).map(f -> load(Path.of(f))).orElseGet(RulesetFile::shipped);
    }

    private static RulesetFile parse(byte[] bytes, String name) throws IOException {
        return new RulesetFile(Ruleset.parse(new ByteArrayInputStream(bytes), name),
                new String(bytes, StandardCharsets.UTF_8));
    }
}
