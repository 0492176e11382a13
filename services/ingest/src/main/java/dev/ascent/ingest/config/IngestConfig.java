package dev.ascent.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** The ingest service's own settings. */
@ConfigMapping(prefix = "ascent.ingest")
public interface IngestConfig {

    /** Logins never credited, besides users of type Bot and logins ending in [bot]. */
    @WithDefault("bedevere-bot,miss-islington,python-cla-bot,cpython-cla-bot,blurb-it,github-actions,dependabot")
    Set<String> bots();
}
