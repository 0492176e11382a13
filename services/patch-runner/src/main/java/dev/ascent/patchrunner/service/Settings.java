package dev.ascent.patchrunner.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * patch-runner's settings, checked: the served repositories, the architectures (one job each, in order) and which
 * of them are informational. A setting that cannot work fails with the reason.
 *
 * @param repositories "owner/repo" in lower case
 * @param architectures in the configured order
 * @param informational the architectures that do not decide a run's status
 */
public record Settings(Set<String> repositories, List<String> architectures, Set<String> informational) {

    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9_.-]+/[a-z0-9_.-]+");
    // the architecture names the topic vm.jobs.<arch>
    private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    public Settings {
        repositories = Set.copyOf(repositories);
        architectures = List.copyOf(architectures);
        informational = Set.copyOf(informational);
    }

    /**
     * Checks and normalises the configured values.
     *
     * @param architectures the configured architectures, or empty for the ruleset's
     * @param rulesetArchitectures the ruleset's sources.architectures
     */
    public static Settings of(List<String> repositories, List<String> architectures,
            List<String> rulesetArchitectures, List<String> informational) {
        Set<String> repos = new LinkedHashSet<>();
        for (String r : repositories) {
            String repo = r.trim().toLowerCase(Locale.ROOT);
            if (repo.isEmpty()) {
                continue;
            }
            if (!REPOSITORY.matcher(repo).matches()) {
                throw new IllegalArgumentException("repository " + r + " is not owner/repo");
            }
            repos.add(repo);
        }
        if (repos.isEmpty()) {
            throw new IllegalArgumentException("no repository is served: set at least one owner/repo");
        }
        List<String> archs = names(architectures.isEmpty() ? rulesetArchitectures : architectures);
        if (archs.isEmpty()) {
            throw new IllegalArgumentException("no architecture: set some, or some in the ruleset's "
                    + "sources.architectures");
        }
        Set<String> info = new LinkedHashSet<>(names(informational));
        info.retainAll(archs);
        if (info.containsAll(archs)) {
            throw new IllegalArgumentException("every architecture " + archs + " is informational: no run could "
                    + "pass or fail");
        }
        return new Settings(repos, archs, info);
    }

    private static List<String> names(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String a : raw) {
            String arch = a.trim().toLowerCase(Locale.ROOT);
            if (arch.isEmpty()) {
                continue;
            }
            if (!ARCH.matcher(arch).matches()) {
                throw new IllegalArgumentException("architecture " + a + " is not a name like amd64");
            }
            if (out.contains(arch)) {
                throw new IllegalArgumentException("architecture " + arch + " is listed twice");
            }
            out.add(arch);
        }
        return out;
    }

    public boolean isInformational(String arch) {
        return informational.contains(arch);
    }
}
