package dev.ascent.gateway.rest;

import dev.ascent.gateway.portal.Metrics;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the portal's templates print times, points and metric ids. */
@TemplateExtension
public final class PortalFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PortalFormat() {
    }

    /** 2026-11-16 (UTC); "" for none. */
    static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    /** 2026-11-16 14:03 UTC; "" for none. */
    static String minute(Instant t) {
        return t == null ? "" : MINUTE.format(t);
    }

    /** ISO-8601, for {@code datetime} attributes. */
    static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** +5, 0, −10. */
    static String signed(long points) {
        return Metrics.signed(points);
    }

    static String signed(int points) {
        return signed((long) points);
    }

    /** A metric id in words. */
    static String metricName(String metric) {
        return Metrics.name(metric);
    }

    /** "in the last 12 months", or "" for all time. */
    static String monthsWindow(int months) {
        return Metrics.window(months);
    }

    /** "core-developer" → "core developer". */
    static String words(String id) {
        return id == null ? "" : id.replace('-', ' ').replace('_', ' ');
    }
}
