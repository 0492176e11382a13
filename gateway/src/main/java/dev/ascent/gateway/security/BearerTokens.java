package dev.ascent.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The people whose bearer tokens the public gRPC API accepts: admins ({@code ascent.gateway.admin-tokens}) and the
 * people bots act for ({@code ascent.gateway.api-tokens}). Each list holds {@code login:githubId:sha256hex} entries
 * separated by commas, so the configuration never holds a token itself. Tokens are compared in constant time. Pure.
 */
public final class BearerTokens {

    /** The GitHub user a token belongs to, and whether it is an admin's token. */
    public record Holder(String login, long githubId, boolean admin) {
    }

    private record Entry(Holder holder, byte[] digest) {
    }

    private final List<Entry> entries;

    /**
     * Parses both lists (null or blank: none); a malformed entry is an error with the reason, so the gateway does not
     * start. The reason never repeats the digest field, which may hold a token pasted by mistake.
     */
    public BearerTokens(String adminConfig, String apiConfig) {
        List<Entry> all = new ArrayList<>();
        parse(adminConfig, true, all);
        parse(apiConfig, false, all);
        this.entries = List.copyOf(all);
    }

    /** Whether any admin is configured. */
    public boolean anyAdmin() {
        return entries.stream().anyMatch(e -> e.holder().admin());
    }

    /** Whom a bearer token belongs to, admin or not. A token configured for an admin too is the admin's. */
    public Optional<Holder> holderFor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        Holder found = null;
        // every entry is compared, whatever matched before, so the time taken says nothing about the token
        for (Entry e : entries) {
            if (MessageDigest.isEqual(digest, e.digest()) && found == null) {
                found = e.holder();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The admin a bearer token belongs to; empty for an API token. */
    public Optional<Holder> adminFor(String token) {
        return holderFor(token).filter(Holder::admin);
    }

    /** The token of an {@code authorization} value {@code Bearer <token>} (the scheme in any case), if it is one. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The configuration entry of a person and their token. */
    public static String entry(String login, long githubId, String token) {
        return login + ":" + githubId + ":" + HexFormat.of().formatHex(sha256(token));
    }

    private static void parse(String config, boolean admin, List<Entry> into) {
        if (config == null || config.isBlank()) {
            return;
        }
        String kind = admin ? "admin" : "API";
        String[] items = config.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            if (items[i].isBlank()) {
                continue; // a stray comma
            }
            String[] parts = items[i].trim().split(":", -1);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException(kind + " token entry " + (i + 1) + " of " + items.length
                        + " is not login:githubId:sha256hex");
            }
            String login = parts[0].trim();
            long id;
            try {
                id = Long.parseLong(parts[1].trim());
            } catch (NumberFormatException e) {
                id = 0;
            }
            if (id <= 0) {
                throw new IllegalArgumentException(kind + " token entry for " + login + ": '" + parts[1].trim()
                        + "' is not a GitHub user id");
            }
            String hex = parts[2].trim();
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(kind + " token entry for " + login
                        + ": the third field is not a hexadecimal SHA-256 (configure the token's digest, never the"
                        + " token)");
            }
            if (digest.length != 32) {
                throw new IllegalArgumentException(kind + " token entry for " + login
                        + ": a SHA-256 has 64 hexadecimal digits, not " + hex.length());
            }
            into.add(new Entry(new Holder(login, id, admin), digest));
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
