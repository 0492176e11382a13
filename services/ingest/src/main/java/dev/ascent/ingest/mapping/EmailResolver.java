package dev.ascent.ingest.mapping;

import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.Person;
import dev.ascent.ruleset.BotPolicy;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves an email to a person on hard evidence only (RULES.md "Identities"): a GitHub noreply address, an email
 * GitHub tied to the person's username on their own commits, or an admin's link. Never a name. Pure: the lookups go
 * through {@link Identities}.
 */
public final class EmailResolver {

    private static final Pattern NOREPLY = Pattern.compile(
            "^(?:(\\d{1,18})\\+)?([a-z0-9](?:[a-z0-9-]*)(?:\\[bot\\])?)@users\\.noreply\\.github\\.com$");
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");

    private final BotPolicy bots;

    public EmailResolver(BotPolicy bots) {
        this.bots = bots;
    }

    /**
     * Who an email or a username resolves to.
     *
     * @param id GitHub user id
     * @param login the login seen most recently (or the one the evidence names)
     * @param bot a bot: never credited
     * @param ground why
     */
    public record Resolved(long id, String login, boolean bot, Ground ground) {
    }

    /** An email as stored and compared: trimmed, in lower case. */
    public static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a string looks like an email address (one {@code @}, something on each side, no spaces). */
    public static boolean isAddress(String email) {
        return ADDRESS.matcher(normalize(email)).matches();
    }

    /** Whether an email is a GitHub noreply address. */
    public static boolean isNoreply(String email) {
        return NOREPLY.matcher(normalize(email)).matches();
    }

    /** The login a GitHub noreply address names, if it is one. */
    public static Optional<String> noreplyLogin(String email) {
        Matcher m = NOREPLY.matcher(normalize(email));
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** The noreply address of the old form for a login, {@code login@users.noreply.github.com}. */
    public static String noreplyOf(String login) {
        return normalize(login) + "@users.noreply.github.com";
    }

    /** The person an email belongs to, if hard evidence says so. */
    public Optional<Resolved> resolve(String email, Identities ids) {
        String e = normalize(email);
        Matcher m = NOREPLY.matcher(e);
        if (m.matches()) {
            if (m.group(1) != null) {
                // ID+login@: the id is GitHub's own and decides; the login may have changed since
                long id = Long.parseLong(m.group(1));
                Optional<Person> p = ids.person(id);
                String login = p.map(Person::login).orElse(m.group(2));
                return Optional.of(new Resolved(id, login, p.map(Person::bot).orElse(false) || bots.isBot(login, false),
                        Ground.NOREPLY));
            }
            Optional<Person> p = ids.personByLogin(m.group(2));
            if (p.isPresent()) {
                return Optional.of(resolved(p.get(), Ground.NOREPLY));
            }
            // a login not seen yet: own commits may still have tied this address to it
        }
        Optional<EmailEvidence> ev = ids.evidence(e);
        if (ev.isEmpty()) {
            return Optional.empty();
        }
        EmailEvidence evidence = ev.get();
        if (evidence.personId() != null) {
            Person p = ids.person(evidence.personId())
                    .orElse(new Person(evidence.personId(), evidence.login() == null ? "" : evidence.login(), false));
            return Optional.of(resolved(p, evidence.ground()));
        }
        if (evidence.login() != null && !evidence.login().isBlank()) {
            return ids.personByLogin(evidence.login()).map(p -> resolved(p, evidence.ground()));
        }
        return Optional.empty();
    }

    /** A commit's author: by the username GitHub gave the commit when there is one, else by the email. */
    public Optional<Resolved> resolveAuthor(String username, String email, Identities ids) {
        if (username != null && !username.isBlank()) {
            Optional<Person> p = ids.personByLogin(username.strip());
            if (p.isPresent()) {
                return Optional.of(resolved(p.get(), Ground.USERNAME));
            }
        }
        return resolve(email, ids);
    }

    private Resolved resolved(Person p, Ground ground) {
        return new Resolved(p.id(), p.login(), p.bot() || bots.isBot(p.login(), false), ground);
    }
}
