package dev.ascent.ingest.service;

import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.ingest.repository.InMemoryIdentityStore;

/** The identity flows over the in-memory store. */
class InMemoryIdentityBookTest extends IdentityBookContract {

    @Override
    protected IdentityStore newStore() {
        return new InMemoryIdentityStore();
    }
}
