package io.inferctl.systemtest;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium, driven by its own chromedriver (never a downloaded browser), with the
 * few moves the console's tests make: open, fill, click, wait for a text, screenshot.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final List<Path> screenshotDirs;

    Browser(String baseUrl, List<Path> screenshotDirs) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(WAIT);
        this.baseUrl = baseUrl;
        this.screenshotDirs = screenshotDirs;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** The element's text, read again when the live page swapped the element between finding and reading it. */
    String text(String css) {
        return await("the text of " + css).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> {
                    List<WebElement> found = all(css);
                    return found.isEmpty() ? "" : found.get(0).getText();
                }, text -> true);
    }

    void fill(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    /**
     * Clicks the element once it is there: the page a previous click navigated to may still be
     * loading, and a live page may swap the element between finding and clicking it.
     */
    void click(String css) {
        await("click " + css).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                // One matcher for both: each ignoreException call replaces the one before it.
                .ignoreExceptionsMatching(e -> e instanceof StaleElementReferenceException
                        || e instanceof NoSuchElementException)
                .until(() -> {
                    find(css).click();
                    return true;
                });
    }

    /** Waits until the element's text contains {@code expected}, without reloading the page. */
    void awaitText(String css, String expected) {
        await(css + " to show '" + expected + "'").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> text(css).contains(expected));
    }

    /** Waits until the browser is at a path starting with {@code prefix}. */
    void awaitPath(String prefix) {
        await("the browser at " + prefix).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> path().startsWith(prefix));
    }

    /** Waits for a page that has {@code css}: a click that navigates may return before the next page is there. */
    void awaitPresent(String css) {
        await(css + " on the page").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> present(css));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** A mark on the page's window: gone after any reload or navigation, so it proves a page updated itself. */
    void markPage() {
        script("window.__consoleTestMark = 'still here';");
    }

    boolean pageMarked() {
        return "still here".equals(script("return window.__consoleTestMark || null;"));
    }

    /** Same-session {@code fetch} from the page, as a forged or repeated form post would be; redirects are followed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String method, String path, Map<String, String> form) {
        return (Map<String, Object>) asyncScript("""
                const [method, path, form, done] = arguments;
                fetch(path, {method, body: new URLSearchParams(form), credentials: 'same-origin'})
                  .then(r => r.text().then(body => done({status: r.status, url: r.url, body})))
                  .catch(e => done({status: -1, body: String(e)}));
                """, method, path, form);
    }

    void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        for (Path dir : screenshotDirs) {
            Files.createDirectories(dir);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * From now on, every page this browser opens notes when the element with {@code id} first showed
     * each of its texts, in epoch milliseconds, from the moment the page starts parsing: a live page's
     * update is timed when it happens, not when a poll of the test finds it.
     */
    void recordFirstTexts(String id) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const seen = window.__firstSeen = {};
                  const look = () => {
                    const element = document.getElementById(%s);
                    const text = element && element.textContent.trim();
                    if (text && !(text in seen)) { seen[text] = Date.now(); }
                  };
                  new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true});
                  // Milestones of a live page, under names no element text has.
                  document.addEventListener('DOMContentLoaded', () => { seen['@domReady'] = Date.now(); });
                  document.addEventListener('htmx:sseOpen', () => { seen['@sseOpen'] ??= Date.now(); });
                  document.addEventListener('htmx:sseMessage', () => { seen['@sseFirstMessage'] ??= Date.now(); });
                })();
                """.formatted(jsString(id))));
    }

    /**
     * When this page's recorded element first showed {@code text} (epoch milliseconds), or null; also
     * {@code @domReady}, {@code @sseOpen} and {@code @sseFirstMessage}.
     */
    Long firstSeen(String text) {
        Object at = script("return (window.__firstSeen || {})[arguments[0]] || null;", text);
        return at == null ? null : ((Number) at).longValue();
    }

    /** When this page's response arrived in full (epoch milliseconds). */
    long responseEnd() {
        return ((Number) script("return Math.round(performance.timeOrigin + performance.getEntriesByType('navigation')[0].responseEnd);"))
                .longValue();
    }

    /** Empties the browser's HTTP cache, so the next page loads as on a first visit. */
    void clearCache() {
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
