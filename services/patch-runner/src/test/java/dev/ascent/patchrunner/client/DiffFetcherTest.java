package dev.ascent.patchrunner.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diff fetcher's rules on hosts, redirects, retries and size, against a real HTTP server on loopback. */
class DiffFetcherTest {

    static final byte[] DIFF = "diff --git a/Lib/json/__init__.py b/Lib/json/__init__.py\n+# x\n"
            .getBytes(StandardCharsets.UTF_8);

    HttpServer server;
    String base;
    final List<String> requested = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    final AtomicInteger flaky = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        requested.add(path);
        Optional.ofNullable(x.getRequestHeaders().getFirst("Authorization")).ifPresent(authorizations::add);
        int port = server.getAddress().getPort();
        switch (path) {
            case "/o/r/pull/1.diff" -> redirect(x, "/raw/1.diff");
            case "/raw/1.diff", "/raw/ok.diff" -> send(x, 200, DIFF, true);
            case "/o/r/pull/2.diff" -> redirect(x, "http://localhost:" + port + "/raw/ok.diff");
            case "/o/r/pull/3.diff" -> redirect(x, "https://evil.example/raw/ok.diff");
            case "/loop.diff" -> redirect(x, "/loop.diff");
            case "/flaky.diff" -> {
                if (flaky.incrementAndGet() < 3) {
                    send(x, 503, new byte[0], true);
                } else {
                    send(x, 200, DIFF, true);
                }
            }
            case "/down.diff" -> send(x, 502, new byte[0], true);
            case "/big-declared.diff" -> send(x, 200, new byte[101], true);
            case "/big-chunked.diff" -> send(x, 200, new byte[101], false);
            case "/exact.diff" -> send(x, 200, new byte[100], false);
            case "/empty.diff" -> send(x, 200, new byte[0], true);
            default -> send(x, 404, "Not Found".getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static void send(HttpExchange x, int status, byte[] body, boolean declared) throws IOException {
        // length 0 makes the JDK server send the body chunked, without a Content-Length
        x.sendResponseHeaders(status, body.length == 0 ? -1 : declared ? body.length : 0);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    DiffFetcher fetcher(Set<String> hosts, int maxBytes, int retries, Optional<String> token) {
        return new DiffFetcher(new DiffFetcher.Options(hosts, maxBytes, Duration.ofSeconds(5), Duration.ofSeconds(5),
                retries, Duration.ofMillis(100), token), pauses::add);
    }

    DiffFetcher fetcher() {
        return fetcher(Set.of("127.0.0.1"), 1000, 2, Optional.empty());
    }

    static String failure(DiffFetcher.Outcome o) {
        return assertInstanceOf(DiffFetcher.Failed.class, o).detail();
    }

    @Test
    void followsARedirectOnAnAllowedHostAndReturnsTheBytes() {
        DiffFetcher.Outcome o = fetcher().fetch(base + "/o/r/pull/1.diff");
        assertArrayEquals(DIFF, assertInstanceOf(DiffFetcher.Fetched.class, o).diff());
        assertEquals(List.of("/o/r/pull/1.diff", "/raw/1.diff"), requested);
    }

    @Test
    void neverFollowsARedirectToAHostNotAllowed() {
        String loopbackByName = failure(fetcher().fetch(base + "/o/r/pull/2.diff"));
        assertTrue(loopbackByName.contains("host localhost is not among the allowed diff hosts"), loopbackByName);
        String elsewhere = failure(fetcher().fetch(base + "/o/r/pull/3.diff"));
        assertTrue(elsewhere.contains("host evil.example"), elsewhere);
        assertEquals(List.of("/o/r/pull/2.diff", "/o/r/pull/3.diff"), requested);
    }

    @Test
    void refusesAHostNotAllowedAndPlainHttpOffLoopbackWithoutAsking() {
        String notAllowed = failure(fetcher().fetch("https://example.org/o/r/pull/1.diff"));
        assertTrue(notAllowed.contains("host example.org is not among"), notAllowed);
        String plain = failure(fetcher(Set.of("example.org"), 1000, 2, Optional.empty())
                .fetch("http://example.org/o/r/pull/1.diff"));
        assertTrue(plain.contains("is not https"), plain);
        String notUrl = failure(fetcher().fetch("not a url at all"));
        assertTrue(notUrl.contains("not a URL") || notUrl.contains("names no host"), notUrl);
        assertEquals(List.of(), requested);
    }

    @Test
    void aClientErrorIsNotTriedAgain() {
        String detail = failure(fetcher().fetch(base + "/o/r/pull/404.diff"));
        assertEquals("the diff could not be fetched: HTTP 404 from 127.0.0.1", detail);
        assertEquals(1, requested.size());
        assertEquals(List.of(), pauses);
    }

    @Test
    void aServerErrorIsTriedAgainWithGrowingPauses() {
        DiffFetcher.Outcome o = fetcher().fetch(base + "/flaky.diff");
        assertArrayEquals(DIFF, assertInstanceOf(DiffFetcher.Fetched.class, o).diff());
        assertEquals(3, requested.size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), pauses);
    }

    @Test
    void givesUpAfterTheRetries() {
        String detail = failure(fetcher().fetch(base + "/down.diff"));
        assertEquals("the diff could not be fetched: HTTP 502 from 127.0.0.1", detail);
        assertEquals(3, requested.size());
    }

    @Test
    void aServerThatDoesNotAnswerIsTriedAgainThenReported() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String detail = failure(fetcher().fetch("http://127.0.0.1:" + port + "/x.diff"));
        assertTrue(detail.startsWith("the diff could not be fetched: no answer from 127.0.0.1"), detail);
        assertEquals(2, pauses.size());
    }

    @Test
    void aDiffOverTheLimitIsRefusedWhetherDeclaredOrNot() {
        String declared = failure(fetcher(Set.of("127.0.0.1"), 100, 2, Optional.empty())
                .fetch(base + "/big-declared.diff"));
        assertEquals("the diff is larger than the limit of 100 bytes", declared);
        String chunked = failure(fetcher(Set.of("127.0.0.1"), 100, 2, Optional.empty())
                .fetch(base + "/big-chunked.diff"));
        assertEquals("the diff is larger than the limit of 100 bytes", chunked);
        DiffFetcher.Outcome exact = fetcher(Set.of("127.0.0.1"), 100, 2, Optional.empty()).fetch(base + "/exact.diff");
        assertEquals(100, assertInstanceOf(DiffFetcher.Fetched.class, exact).diff().length);
        assertEquals(List.of(), pauses);
    }

    @Test
    void anEmptyDiffIsNoPatch() {
        assertEquals("the diff is empty", failure(fetcher().fetch(base + "/empty.diff")));
    }

    @Test
    void aRedirectLoopEnds() {
        String detail = failure(fetcher().fetch(base + "/loop.diff"));
        assertTrue(detail.contains("more than " + DiffFetcher.MAX_REDIRECTS + " redirects"), detail);
        assertEquals(DiffFetcher.MAX_REDIRECTS + 1, requested.size());
    }

    @Test
    void theTokenGoesToGithubHostsOnly() {
        fetcher(Set.of("127.0.0.1"), 1000, 0, Optional.of("secret")).fetch(base + "/o/r/pull/1.diff");
        assertEquals(List.of(), authorizations);
        assertTrue(DiffFetcher.isGithub("github.com"));
        assertTrue(DiffFetcher.isGithub("api.github.com"));
        assertFalse(DiffFetcher.isGithub("patch-diff.githubusercontent.com"));
        assertFalse(DiffFetcher.isGithub("evilgithub.com"));
        assertFalse(DiffFetcher.isGithub("github.com.evil.example"));
    }

    @Test
    void loopbackIsRecognisedByLiteralNotByLookup() {
        assertTrue(DiffFetcher.isLoopback("127.0.0.1"));
        assertTrue(DiffFetcher.isLoopback("127.1.2.3"));
        assertTrue(DiffFetcher.isLoopback("[::1]"));
        assertTrue(DiffFetcher.isLoopback("localhost"));
        assertFalse(DiffFetcher.isLoopback("127.0.0.1.nip.io"));
        assertFalse(DiffFetcher.isLoopback("github.com"));
    }
}
