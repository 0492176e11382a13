package dev.ascent.ingest.config;

import com.mongodb.client.MongoClient;
import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.ingest.repository.MongoIdentityStore;
import dev.ascent.ruleset.Ruleset;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Produces the ruleset (the file configured, or the one shipped) and the MongoDB-backed identity store. */
@Singleton
public class IngestBeans {

    private static final Logger LOG = Logger.getLogger(IngestBeans.class);

    @Produces
    @Singleton
    Ruleset ruleset(IngestConfig config) {
        Ruleset r = Ruleset.loadOrDefault(config.rulesetFile());
        LOG.infof("ruleset %s (%s)", r.version(), Ruleset.sourceOf(config.rulesetFile()));
        return r;
    }

    @Produces
    @Singleton
    IdentityStore identityStore(MongoClient client, IngestConfig config) {
        return new MongoIdentityStore(client.getDatabase(config.database()));
    }
}
