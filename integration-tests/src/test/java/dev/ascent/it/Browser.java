package dev.ascent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for browser tests: Debian's {@code chromium} driven by its {@code chromedriver}, nothing
 * downloaded. Without them the browser tests are skipped, unless {@code ASCENT_BROWSER_TESTS=required} (CI sets it),
 * which makes their absence a failure.
 */
final class Browser {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start() {
        Path chromium = firstExisting(System.getenv("ASCENT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path driver = firstExisting(System.getenv("ASCENT_CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (chromium == null || driver == null) {
            String why = "no chromium and chromedriver (install Debian's chromium and chromium-driver)";
            if ("required".equals(System.getenv("ASCENT_BROWSER_TESTS"))) {
                throw new AssertionError("browser tests are required but there is " + why);
            }
            Assumptions.abort("browser tests skipped: " + why);
        }
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            // As root and on a closed network: no sandbox, no background connections to Google's hosts.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                    "--user-data-dir=" + Files.createTempDirectory("ascent-chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver browser = new ChromeDriver(service, options);
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, a test artifact. */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }
}
