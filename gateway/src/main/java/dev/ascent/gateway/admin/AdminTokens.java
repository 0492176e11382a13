package dev.ascent.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admins the gateway accepts: each a GitHub login and id and the SHA-256 of their bearer token, configured as
 * {@code login:githubId:sha256hex} entries separated by commas (so the configuration never holds a token itself).
 * Tokens are compared in constant time. Pure.
 */
public final class AdminTokens {

    /** An admin: the GitHub user who acts. */
    public record Admin(String login, long githubId) {
    }

    private final Map<Admin, byte[]> digestByAdmin = new LinkedHashMap<>();

    /** Parses the configuration; a malformed pair is an error with the reason (the gateway does not start). */
    public AdminTokens(String config) {
        if (config == null || config.isBlank()) {
            return;
        }
        for (String pair : config.split(",")) {
            String p = pair.trim();
            String[] parts = p.split(":");
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException("admin token entry '" + p + "' is not login:githubId:sha256hex");
            }
            String login = parts[0].trim();
            long id;
            try {
                id = Long.parseLong(parts[1].trim());
            } catch (NumberFormatException e) {
                id = 0;
            }
            if (id <= 0) {
                throw new IllegalArgumentException("admin token entry for " + login + ": '" + parts[1]
                        + "' is not a GitHub user id");
            }
            String hex = parts[2].trim();
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("admin token entry for " + login + ": '" + hex
                        + "' is not a hexadecimal SHA-256", e);
            }
            if (digest.length != 32) {
                throw new IllegalArgumentException("admin token entry for " + login
                        + ": a SHA-256 has 64 hexadecimal digits, not " + hex.length());
            }
            digestByAdmin.put(new Admin(login, id), digest);
        }
    }

    /** Whether any admin is configured. */
    public boolean any() {
        return !digestByAdmin.isEmpty();
    }

    /** The admin a bearer token belongs to, if any. */
    public Optional<Admin> adminFor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        Admin found = null;
        for (Map.Entry<Admin, byte[]> e : digestByAdmin.entrySet()) {
            if (MessageDigest.isEqual(digest, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The configuration entry of an admin and their token. */
    public static String entry(String login, long githubId, String token) {
        return login + ":" + githubId + ":" + HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
