package dev.ascent.ingest.mapping;

import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Person;
import java.util.Optional;

/** What the mapper may ask about identities: the people directory and the stored email evidence. Read only. */
public interface Identities {

    /** The person who most recently used this login, compared without regard to case. */
    Optional<Person> personByLogin(String login);

    /** A person by GitHub id, with the login seen most recently. */
    Optional<Person> person(long id);

    /** What ties an email (lower case) to a person besides a noreply address: their own commits or an admin link. */
    Optional<EmailEvidence> evidence(String email);
}
