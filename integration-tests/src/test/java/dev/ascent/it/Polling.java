package dev.ascent.it;

import dev.ascent.devstack.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** What the end-to-end tests share: posting a webhook to the gateway, and waiting on a condition with a deadline. */
final class Polling {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Polling() {
    }

    /** Posts one GitHub delivery to the gateway; {@code signature} null sends none. */
    static HttpResponse<String> postWebhook(String gatewayUrl, String event, String delivery, byte[] body,
            String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until {@code check} returns null (done) or the deadline passes; then fails with the last answer. */
    static void await(String what, Duration deadline, Supplier<String> check) {
        Await.untilNull(what, deadline, check);
    }

    static void pause() {
        Await.pause();
    }
}
