package dev.ascent.patchrunner.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fetches a pull request's diff over HTTP. Redirects are followed here, not by the client, so that each hop is
 * checked: only allowed hosts, https only (plain http only on loopback), at most {@value #MAX_REDIRECTS} hops. The
 * body is read up to a size limit. A GitHub token goes to github.com hosts only. Failures that may pass (no answer,
 * 5xx, 429) are tried again; the answer is the diff or one sentence on why there is none.
 */
public final class DiffFetcher {

    /** Hops followed before giving up. */
    public static final int MAX_REDIRECTS = 5;

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /**
     * How diffs are fetched.
     *
     * @param hosts the hosts a diff and each redirect may come from, compared without regard to case
     * @param maxBytes the largest diff accepted
     * @param connectTimeout to open a connection
     * @param timeout for the answer's headers
     * @param retries further tries after a failure that may pass
     * @param retryBackoff the wait before the first retry, doubled each time
     * @param githubToken sent as a bearer token to github.com and its subdomains
     */
    public record Options(Set<String> hosts, int maxBytes, Duration connectTimeout, Duration timeout, int retries,
            Duration retryBackoff, Optional<String> githubToken) {

        public Options {
            hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
            if (maxBytes < 1) {
                throw new IllegalArgumentException("the diff size limit must be positive, not " + maxBytes);
            }
            if (retries < 0) {
                throw new IllegalArgumentException("diff retries must not be negative, not " + retries);
            }
            githubToken = githubToken.map(String::trim).filter(t -> !t.isEmpty());
        }
    }

    /** What a fetch gave. */
    public sealed interface Outcome {
    }

    /** The diff. */
    public record Fetched(byte[] diff) implements Outcome {
    }

    /** No diff, and why, as one sentence shown in the run's detail. */
    public record Failed(String detail) implements Outcome {
    }

    /** Pauses between tries; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final Options options;
    private final HttpClient http;
    private final Pause pause;

    public DiffFetcher(Options options) {
        this(options, d -> Thread.sleep(d.toMillis()));
    }

    public DiffFetcher(Options options, Pause pause) {
        this.options = options;
        this.pause = pause;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .build();
    }

    /** Fetches the diff at {@code url}. Blocking. */
    public Outcome fetch(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return new Failed("the diff could not be fetched: " + url + " is not a URL");
        }
        Duration wait = options.retryBackoff();
        Attempt last = null;
        for (int i = 0; i <= options.retries(); i++) {
            if (i > 0) {
                try {
                    pause.pause(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Failed("the diff could not be fetched: interrupted");
                }
                wait = wait.multipliedBy(2);
            }
            last = once(uri);
            if (!last.mayPass()) {
                break;
            }
        }
        return last.outcome();
    }

    /** One try, following redirects; whether another try may give something else. */
    private record Attempt(Outcome outcome, boolean mayPass) {

        static Attempt done(Outcome o) {
            return new Attempt(o, false);
        }

        static Attempt transientFailure(String why) {
            return new Attempt(new Failed("the diff could not be fetched: " + why), true);
        }
    }

    private Attempt once(URI start) {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String refused = refusal(uri);
            if (refused != null) {
                return Attempt.done(new Failed("the diff could not be fetched: " + refused));
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request(uri), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                return Attempt.transientFailure("no answer from " + uri.getHost() + " (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.done(new Failed("the diff could not be fetched: interrupted"));
            }
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (isRedirect(status)) {
                    Optional<String> location = response.headers().firstValue("Location");
                    if (location.isEmpty()) {
                        return Attempt.done(new Failed("the diff could not be fetched: HTTP " + status
                                + " from " + uri.getHost() + " without a Location"));
                    }
                    try {
                        uri = uri.resolve(new URI(location.get()));
                    } catch (URISyntaxException e) {
                        return Attempt.done(new Failed("the diff could not be fetched: " + uri.getHost()
                                + " redirected to " + location.get() + ", which is not a URL"));
                    }
                    continue;
                }
                if (status == 429 || status >= 500) {
                    return Attempt.transientFailure("HTTP " + status + " from " + uri.getHost());
                }
                if (status != 200) {
                    return Attempt.done(new Failed("the diff could not be fetched: HTTP " + status + " from "
                            + uri.getHost()));
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > options.maxBytes()) {
                    return Attempt.done(tooLarge());
                }
                return Attempt.done(read(body));
            } catch (IOException e) {
                return Attempt.transientFailure("the answer of " + uri.getHost() + " broke off (" + e + ")");
            }
        }
        return Attempt.done(new Failed("the diff could not be fetched: more than " + MAX_REDIRECTS
                + " redirects from " + start.getHost()));
    }

    private Outcome read(InputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > options.maxBytes()) {
                return tooLarge();
            }
        }
        if (out.size() == 0) {
            return new Failed("the diff is empty");
        }
        return new Fetched(out.toByteArray());
    }

    private Failed tooLarge() {
        return new Failed("the diff is larger than the limit of " + options.maxBytes() + " bytes");
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                .timeout(options.timeout())
                .header("User-Agent", "ascent-patch-runner")
                .header("Accept", "text/x-diff, text/plain, */*");
        if (options.githubToken().isPresent() && isGithub(uri.getHost())) {
            b.header("Authorization", "Bearer " + options.githubToken().get());
        }
        return b.build();
    }

    /** Why a URL may not be fetched, or null when it may. */
    String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return uri + " names no host";
        }
        if (!options.hosts().contains(host)) {
            return "host " + host + " is not among the allowed diff hosts " + options.hosts().stream().sorted()
                    .toList();
        }
        if (scheme.equals("https") || scheme.equals("http") && isLoopback(host)) {
            return null;
        }
        return uri + " is not https";
    }

    /** Loopback by name or literal address: no name is resolved, so DNS cannot make a host loopback. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("[::1]") || h.equals("::1");
    }

    static boolean isGithub(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("github.com") || h.endsWith(".github.com");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
