package dev.ascent.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void matchesGitHubsDocumentedExample() {
        // The example in GitHub's "Validating webhook deliveries": secret "It's a Secret to Everybody",
        // payload "Hello, World!".
        WebhookSignature s = new WebhookSignature("It's a Secret to Everybody");
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", s.sign(body));
        assertTrue(s.verify(body, s.sign(body)));
    }

    @Test
    void rejectsMissingMalformedAndForeignSignatures() {
        WebhookSignature s = new WebhookSignature("secret");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertFalse(s.verify(body, null));
        assertFalse(s.verify(body, "sha1=abc"));
        assertFalse(s.verify(body, "sha256=zz" + "0".repeat(62)));
        assertFalse(s.verify(body, new WebhookSignature("other").sign(body)));
        assertFalse(s.verify("{ }".getBytes(StandardCharsets.UTF_8), s.sign(body)));
    }
}
