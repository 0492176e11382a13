package dev.ascent.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The ingest service's own settings. Triage labels, flag labels, close reasons and bots come from the ruleset. */
@ConfigMapping(prefix = "ascent.ingest")
public interface IngestConfig {

    /** The MongoDB database of the identity store. */
    @WithDefault("ascent-ingest")
    String database();

    /** A ruleset file to use instead of the one shipped (ruleset/v1.yaml); the ledger reads the same one. */
    Optional<String> rulesetFile();
}
