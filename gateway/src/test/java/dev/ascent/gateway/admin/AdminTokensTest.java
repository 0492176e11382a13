package dev.ascent.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokensTest {

    @Test
    void aConfiguredTokenNamesItsAdminAndNothingElseDoes() {
        AdminTokens tokens = new AdminTokens(AdminTokens.entry("ada", 11, "s3cret") + ", " + AdminTokens.entry("bob", 12, "other"));
        assertTrue(tokens.any());
        assertEquals(Optional.of(new AdminTokens.Admin("ada", 11)), tokens.adminFor("s3cret"));
        assertEquals(Optional.of(new AdminTokens.Admin("bob", 12)), tokens.adminFor("other"));
        assertEquals(Optional.empty(), tokens.adminFor("s3cret "));
        assertEquals(Optional.empty(), tokens.adminFor(""));
        assertEquals(Optional.empty(), tokens.adminFor(null));
    }

    @Test
    void theSha256OfATokenIsWhatIsConfigured() {
        // sha256("abc"), the FIPS 180-2 example
        assertEquals("x:5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                AdminTokens.entry("x", 5, "abc"));
    }

    @Test
    void noConfigurationMeansNoAdmin() {
        assertFalse(new AdminTokens("").any());
        assertFalse(new AdminTokens(null).any());
    }

    @Test
    void aMalformedEntryIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdminTokens("ada"))
                .getMessage().contains("not login:githubId:sha256hex"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdminTokens("ada:x:abcd"))
                .getMessage().contains("not a GitHub user id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdminTokens("ada:1:zz"))
                .getMessage().contains("not a hexadecimal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdminTokens("ada:1:abcd"))
                .getMessage().contains("64 hexadecimal digits"));
    }
}
