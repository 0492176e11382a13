package dev.ascent.gateway.rest;

import io.quarkus.qute.TemplateGlobal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the portal's front-end libraries are served: the WebJars on the classpath (no Node step in the build).
 * Their versions are read from the jars themselves, so the pom is the one place that names them.
 */
@TemplateGlobal
public final class Assets {

    static final String picoCss = webjar("picocss__pico", "css/pico.min.css");
    static final String chartJs = webjar("chart.js", "dist/chart.umd.min.js");

    private Assets() {
    }

    private static String webjar(String artifact, String file) {
        String props = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "/webjars/" + artifact + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
