package dev.ascent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.Infra;
import dev.ascent.gateway.webhook.WebhookSignature;
import dev.ascent.ruleset.Ruleset;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The portal in a real Chromium against the whole running system, with data that came in through real, signed
 * GitHub webhooks: the contributor page against RULES.md, paging the ledger, following links, signing in as a
 * curator to add a cohort member, a forbidden change answered 403 with a sentence, and hiding oneself. Every page is
 * saved as a screenshot under target/screenshots.
 */
class PortalBrowserIT {

    static final String SECRET = "portal-browser-secret";
    static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The local run's sign-in password (the local profile's default). */
    static final String LOCAL_PASSWORD = "ascent";
    static final Ruleset RULES = Ruleset.loadDefault();

    static AscentSystem system;
    static String base;
    ChromeDriver browser;

    @BeforeAll
    static void startSystem() throws Exception {
        Path data = Files.createTempDirectory("ascent-portal-it");
        system = AscentSystem.start(data, Infra.Ports.free(), AscentSystem.ServicePorts.free(), SECRET);
        base = system.gatewayUrl();
        WebhookExamples examples = WebhookExamples.load();
        List<WebhookExamples.Delivery> deliveries = new java.util.ArrayList<>(examples.firstSteps());
        deliveries.addAll(examples.dailyComments("page-turner", 78_000_001L, 30, Instant.parse("2026-01-05T10:00:00Z"),
                910_000_000L));
        deliveries.addAll(examples.dailyComments("shy-person", 78_000_002L, 3, Instant.parse("2026-02-02T10:00:00Z"),
                920_000_000L));
        WebhookSignature signer = new WebhookSignature(SECRET);
        for (WebhookExamples.Delivery d : deliveries) {
            byte[] body = WebhookExamples.JSON.writeValueAsBytes(d.body());
            HttpResponse<String> r = Polling.postWebhook(base, d.event(), UUID.randomUUID().toString(), body,
                    signer.sign(body));
            assertEquals(202, r.statusCode(), r.body());
        }
        awaitPoints("codertocat", 50);
        awaitPoints("page-turner", 30);
        awaitPoints("shy-person", 3);
    }

    /** Waits until the portal's JSON API shows the login with these points. */
    static void awaitPoints(String login, long points) {
        Polling.await(login + " reaching " + points + " points", DEADLINE, () -> {
            try {
                HttpResponse<String> r = get("/api/contributors/" + login);
                if (r.statusCode() != 200) {
                    return r.statusCode() + " " + r.body();
                }
                JsonNode s = WebhookExamples.JSON.readTree(r.body());
                return s.path("points").asLong() == points ? null : r.body();
            } catch (IOException | InterruptedException e) {
                return e.toString();
            }
        });
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return Polling.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebElement el(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    void open(String path) {
        browser.get(base + path);
    }

    void signIn(String login) {
        open("/signin");
        el("#j_username").sendKeys(login);
        el("#j_password").sendKeys(LOCAL_PASSWORD);
        el("#signin-submit").click();
        Polling.await("signed in as " + login, DEADLINE,
                () -> all("#nav-me").stream().anyMatch(e -> e.getText().equals(login)) ? null
                        : browser.getCurrentUrl());
    }

    void signOut() {
        el("#signout").click();
        awaitPage("signed out", () -> all("#nav-signin").size() == 1);
    }

    /** Waits until the browser has gone to a page whose address ends so (a click returns before the page loads). */
    void awaitUrl(String suffix) {
        Polling.await("the browser at …" + suffix, DEADLINE,
                () -> browser.getCurrentUrl().endsWith(suffix) ? null : browser.getCurrentUrl());
    }

    /** Waits until the page shows what {@code check} looks for (a page that is still loading reads as "not yet"). */
    void awaitPage(String what, java.util.function.BooleanSupplier check) {
        Polling.await(what, DEADLINE, () -> {
            try {
                return check.getAsBoolean() ? null : browser.getCurrentUrl();
            } catch (org.openqa.selenium.WebDriverException e) {
                return e.getClass().getSimpleName();
            }
        });
    }

    /** Opens the "Create a cohort" section unless it is open already (it is while there is no cohort). */
    void openCreateForm() {
        if (el("#create-cohort").getAttribute("open") == null) {
            el("#create-cohort summary").click();
        }
    }

    @Test
    void contributorPageShowsLevelProgressAndNextStepAsTheRulesSay() {
        open("/c/codertocat");
        // RULES.md: issue opened 2, comment 1, PR opened 2, merged 20, first-merge bonus 25 = 50 points; level 3
        // starts at 30 and level 4 at 75; one merged PR makes a contributor.
        assertEquals("50", el("#points").getText());
        assertEquals("3", el("#level").getText());
        assertEquals("25", el("#points-to-next").getText());
        WebElement meter = el("#level-meter");
        assertEquals("30", meter.getAttribute("min"));
        assertEquals("75", meter.getAttribute("max"));
        assertEquals("50", meter.getAttribute("value"));
        assertEquals("contributor", el("#role").getText());
        String contributorStep = RULES.roles().stream().filter(r -> r.id().equals("contributor")).findFirst()
                .orElseThrow().nextStep();
        assertEquals(contributorStep, el("#next-step").getText());
        // The ladder: newcomer passed, contributor held, regular ahead with 1 of 10 merged PRs.
        assertEquals("passed", el("#ladder [data-role='newcomer']").getAttribute("data-state"));
        assertEquals("held", el("#ladder [data-role='contributor']").getAttribute("data-state"));
        WebElement merged = el("#ladder [data-role='regular'] [data-metric='merged_prs']");
        assertEquals("1", merged.getAttribute("data-current"));
        assertEquals("10", merged.getAttribute("data-required"));
        assertEquals("3", el("#ladder [data-role='regular'] [data-metric='active_months']").getAttribute("data-required"));
        assertTrue(all("#badges [data-badge='first-merge']").size() == 1, "first-merge badge shown");
        assertEquals(5, all("#ledger tbody tr").size());
        // the chart was drawn by Chart.js from the WebJar, from the ledger's weekly figures
        Polling.await("the weekly chart drawn", DEADLINE,
                () -> "true".equals(el("#weekly-chart").getAttribute("data-drawn")) ? null : "not drawn");
        for (WebElement link : all("#ledger a.source-link")) {
            assertTrue(link.getAttribute("href").startsWith("https://github.com/"), link.getAttribute("href"));
        }
        Browser.screenshot(browser, "contributor-codertocat");

        // On a phone-sized screen the page fits its width (the ledger table scrolls inside its own box).
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/c/codertocat");
        awaitPage("the page laid out for a phone", () -> ((Number) browser.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 0);
        Browser.screenshot(browser, "contributor-phone");
    }

    @Test
    void ledgerPagesThroughAndLinksLead() {
        open("/c/page-turner");
        assertEquals("30", el("#points").getText());
        Set<String> seen = new HashSet<>();
        all("#ledger tbody tr").forEach(r -> seen.add(r.getAttribute("data-entry")));
        assertEquals(25, seen.size(), "first page");
        Browser.screenshot(browser, "ledger-page-1");
        el("#older").click();
        awaitPage("the second page", () -> all("#older").isEmpty());
        List<WebElement> second = all("#ledger tbody tr");
        assertEquals(5, second.size(), "second page");
        second.forEach(r -> assertTrue(seen.add(r.getAttribute("data-entry")), "no line on both pages"));
        assertTrue(all("#older").isEmpty(), "no page after the last");
        Browser.screenshot(browser, "ledger-page-2");
        el("#newest").click();
        awaitPage("the first page again", () -> all("#newest").isEmpty());
        assertEquals(25, all("#ledger tbody tr").size());

        // Home: the all-time leaderboard links to the contributor page; the search finds a login.
        open("/");
        Browser.screenshot(browser, "home");
        // the examples' login is "Codertocat"; logins are compared without regard to case
        all("#board-all-time a").stream().filter(a -> a.getText().equalsIgnoreCase("codertocat")).findFirst()
                .orElseThrow(() -> new AssertionError("codertocat on the all-time board")).click();
        awaitUrl("/c/Codertocat");
        assertEquals("50", el("#points").getText());
        open("/");
        // with the keyboard alone: the first Tab reaches the skip link, and Enter in the search field searches
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("skip", browser.switchTo().activeElement().getAttribute("class"));
        el("#login").sendKeys("page-turner" + Keys.ENTER);
        awaitUrl("/c/page-turner");

        // How points work comes from the ruleset: a comment's points and daily limit.
        open("/how-points-work");
        Ruleset.KindRule comment = RULES.kinds().get("issue.commented");
        assertEquals("+" + comment.points(), el("#kinds [data-kind='issue.commented'] .pts").getText());
        assertTrue(el("#kinds [data-kind='issue.commented']").getText().contains("the first " + comment.dailyLimit()));
        assertEquals(RULES.version(), el("#ruleset-version").getText());
        Browser.screenshot(browser, "how-points-work");
    }

    @Test
    void curatorAddsAMemberAndOthersAreRefused() {
        signIn("local-curator");
        open("/cohorts");
        openCreateForm();
        el("#name").sendKeys("Browser sprint");
        el("#slug").sendKeys("browser-sprint");
        el("#create-submit").click();
        awaitUrl("/cohorts/browser-sprint");
        List<String> logins = List.of("codertocat", "page-turner");
        for (int i = 0; i < logins.size(); i++) {
            el("#member-login").sendKeys(logins.get(i));
            el("#add-member-submit").click();
            int members = i + 1;
            awaitPage(members + " members listed", () -> all("#members tbody tr").size() == members);
        }
        assertEquals("3", el("#members [data-member='Codertocat'] td:nth-child(2)").getText());
        assertEquals("80", el("#cohort-total-points").getText(), "50 + 30");
        Browser.screenshot(browser, "cohort-curated");

        // Someone who is not its curator tries to add a member: 403 with a sentence, nothing changed.
        signOut();
        signIn("page-turner");
        open("/cohorts/browser-sprint");
        assertTrue(all("#add-member").isEmpty(), "no form for a non-curator");
        browser.executeScript("var f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/cohorts/browser-sprint/members'; var i = document.createElement('input');"
                + "i.name = 'login'; i.value = 'octocat'; f.appendChild(i); document.body.appendChild(f); f.submit();");
        Polling.await("the refusal page", DEADLINE, () -> all("#error").isEmpty() ? browser.getCurrentUrl() : null);
        assertEquals("403", el("#error").getAttribute("data-status"));
        assertTrue(el("#error-sentence").getText().startsWith("Only the curators of “Browser sprint”"),
                el("#error-sentence").getText());
        assertFalse(browser.getPageSource().contains("Exception"), "no stack trace");
        Browser.screenshot(browser, "forbidden-403");
        open("/cohorts/browser-sprint");
        assertTrue(all("#members [data-member='octocat']").isEmpty(), "the refused change did not happen");
    }

    @Test
    void aPersonHidesThemselvesFromLeaderboardsAndCohorts() {
        signIn("local-admin");
        open("/cohorts");
        openCreateForm();
        el("#name").sendKeys("Quiet people");
        el("#slug").sendKeys("quiet-people");
        el("#create-submit").click();
        el("#member-login").sendKeys("shy-person");
        el("#add-member-submit").click();
        awaitPage("shy-person listed", () -> all("#members [data-member='shy-person']").size() == 1);
        signOut();

        signIn("shy-person");
        open("/me");
        assertFalse(el("#hidden").isSelected());
        el("#hidden").click();
        el("#listing-submit").click();
        awaitPage("the setting saved and shown again", () -> el("#hidden").isSelected());
        Browser.screenshot(browser, "settings-hidden");

        open("/");
        assertTrue(all("#board-all-time a[href='/c/shy-person']").isEmpty(), "left off the leaderboard");
        open("/cohorts/quiet-people");
        assertTrue(all("#members [data-member='shy-person']").isEmpty(), "left off the cohort page");
        assertTrue(el("#hidden-members").getText().startsWith("1 member"));
        open("/c/shy-person");
        assertEquals("3", el("#points").getText(), "the profile itself stays readable");
        assertEquals(1, all("#hidden-notice").size());
    }
}
