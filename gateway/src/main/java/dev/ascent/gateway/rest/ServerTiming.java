package dev.ascent.gateway.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Adds {@code Server-Timing: app;dur=<ms>} to every HTTP answer: the time from the request's arrival to the answer's
 * headers, so a browser's developer tools and the portal benchmark read the server's own time per page.
 */
@ApplicationScoped
public class ServerTiming {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long start = System.nanoTime();
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Server-Timing",
                    String.format(Locale.ROOT, "app;dur=%.2f", (System.nanoTime() - start) / 1e6)));
            ctx.next();
        });
    }
}
