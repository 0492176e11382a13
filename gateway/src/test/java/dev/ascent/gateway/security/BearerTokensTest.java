package dev.ascent.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    static final String ADMINS = BearerTokens.entry("ada", 11, "s3cret") + ", " + BearerTokens.entry("bob", 12, "other");
    static final String API = BearerTokens.entry("cy-bot", 13, "bot-token") + "," + BearerTokens.entry("dee", 14, "dee");

    @Test
    void aConfiguredTokenNamesItsHolderAndNothingElseDoes() {
        BearerTokens tokens = new BearerTokens(ADMINS, API);
        assertEquals(Optional.of(new BearerTokens.Holder("ada", 11, true)), tokens.holderFor("s3cret"));
        assertEquals(Optional.of(new BearerTokens.Holder("bob", 12, true)), tokens.holderFor("other"));
        assertEquals(Optional.of(new BearerTokens.Holder("cy-bot", 13, false)), tokens.holderFor("bot-token"));
        assertEquals(Optional.of(new BearerTokens.Holder("dee", 14, false)), tokens.holderFor("dee"));
        assertEquals(Optional.empty(), tokens.holderFor("s3cret "));
        assertEquals(Optional.empty(), tokens.holderFor("S3CRET"));
        assertEquals(Optional.empty(), tokens.holderFor(""));
        assertEquals(Optional.empty(), tokens.holderFor(null));
    }

    @Test
    void anApiTokenIsNoAdminsToken() {
        BearerTokens tokens = new BearerTokens(ADMINS, API);
        assertEquals(Optional.of(new BearerTokens.Holder("ada", 11, true)), tokens.adminFor("s3cret"));
        assertEquals(Optional.empty(), tokens.adminFor("bot-token"));
        assertEquals(Optional.empty(), tokens.adminFor("unknown"));
    }

    @Test
    void aTokenConfiguredForAnAdminAndAsAnApiTokenIsTheAdmins() {
        BearerTokens tokens = new BearerTokens(BearerTokens.entry("ada", 11, "same"),
                BearerTokens.entry("ada-bot", 21, "same"));
        assertEquals(Optional.of(new BearerTokens.Holder("ada", 11, true)), tokens.holderFor("same"));
        assertEquals(Optional.of(new BearerTokens.Holder("ada", 11, true)), tokens.adminFor("same"));
    }

    @Test
    void theSha256OfATokenIsWhatIsConfigured() {
        // sha256("abc"), the FIPS 180-2 example
        assertEquals("x:5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                BearerTokens.entry("x", 5, "abc"));
        BearerTokens tokens = new BearerTokens(null,
                "x:5:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        assertEquals(Optional.of(new BearerTokens.Holder("x", 5, false)), tokens.holderFor("abc"));
    }

    @Test
    void noConfigurationMeansNoHolder() {
        assertFalse(new BearerTokens("", "").anyAdmin());
        assertFalse(new BearerTokens(null, null).anyAdmin());
        assertEquals(Optional.empty(), new BearerTokens(null, null).holderFor("s3cret"));
        assertFalse(new BearerTokens(null, API).anyAdmin());
        assertTrue(new BearerTokens(ADMINS, null).anyAdmin());
        assertTrue(new BearerTokens(ADMINS + ",", null).anyAdmin(), "a stray comma is no entry");
    }

    @Test
    void aMalformedEntryIsRefusedWithTheReasonAndWithoutTheSecret() {
        assertMalformed("ada", "admin token entry 1 of 1 is not login:githubId:sha256hex", null);
        assertMalformed("ada:my-raw-token", "admin token entry 1 of 1 is not login:githubId:sha256hex",
                "my-raw-token");
        assertMalformed("ada:x:abcd", "not a GitHub user id", null);
        assertMalformed("ada:0:abcd", "not a GitHub user id", null);
        assertMalformed("ada:1:my-raw-token", "not a hexadecimal SHA-256", "my-raw-token");
        assertMalformed("ada:1:abcd", "64 hexadecimal digits, not 4", null);
        assertMalformed(":1:" + "ab".repeat(32), "not login:githubId:sha256hex", null);
        IllegalArgumentException api = assertThrows(IllegalArgumentException.class,
                () -> new BearerTokens(ADMINS, API + ",cy:2"));
        assertEquals("API token entry 3 of 3 is not login:githubId:sha256hex", api.getMessage());
    }

    @Test
    void theBearerSchemeIsReadInAnyCase() {
        assertEquals(Optional.of("t0k"), BearerTokens.bearer("Bearer t0k"));
        assertEquals(Optional.of("t0k"), BearerTokens.bearer("bearer  t0k "));
        assertEquals(Optional.empty(), BearerTokens.bearer("Basic dXNlcjpwdw=="));
        assertEquals(Optional.empty(), BearerTokens.bearer("Bearer "));
        assertEquals(Optional.empty(), BearerTokens.bearer("t0k"));
        assertEquals(Optional.empty(), BearerTokens.bearer(null));
    }

    private static void assertMalformed(String config, String reason, String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BearerTokens(config, ""));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        if (secret != null) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }
}
