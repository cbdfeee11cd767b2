package dev.lossref.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the playground's screenshots under docs/playground (scripts/gallery-screenshots.sh runs it against
 * a running service): each card once its plot is drawn, or its batch panel once it shows the answer, in light and dark
 * mode and at phone
 * width. A tool, not a test.
 */
public final class PlaygroundScreenshots {

    private PlaygroundScreenshots() {}

    public static void main(String[] args) throws IOException {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/playground");
        Files.createDirectories(out);
        for (boolean dark : new boolean[] {false, true}) {
            ChromeDriver browser = browser(dark);
            try {
                String suffix = dark ? "-dark" : "";
                browser.manage().window().setSize(new Dimension(1100, 1400));
                shoot(
                        browser,
                        url + "/?loss=focal&gamma=0",
                        "form.playground[data-loss=focal]",
                        out.resolve("focal-gamma-0" + suffix + ".png"));
                shoot(
                        browser,
                        url + "/?loss=focal&gamma=5",
                        "form.playground[data-loss=focal]",
                        out.resolve("focal-gamma-5" + suffix + ".png"));
                shoot(
                        browser,
                        url + "/?loss=arcface&evaluate",
                        "form.batch-form[data-loss=arcface] .value",
                        out.resolve("arcface-batch" + suffix + ".png"));
                browser.manage().window().setSize(new Dimension(390, 1200));
                shoot(
                        browser,
                        url + "/?loss=focal&gamma=5",
                        "form.playground[data-loss=focal]",
                        out.resolve("focal-gamma-5-phone" + suffix + ".png"));
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeDriver browser(boolean dark) {
        ChromeDriver browser = Chromium.start("--hide-scrollbars");
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
        return browser;
    }

    /** Loads the page, waits for {@code ready} to be drawn, and saves the screenshot of its card. */
    private static void shoot(ChromeDriver browser, String page, String ready, Path file) throws IOException {
        browser.get(page);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector(ready));
            return !found.isEmpty() && (ready.endsWith(".value") || found.get(0).getDomAttribute("data-drawn") != null);
        });
        WebElement card = (WebElement) ((JavascriptExecutor) browser)
                .executeScript(
                        "const target = document.querySelector(arguments[0]);const card = target.closest('details') || "
                                + "target.closest('.card');card.scrollIntoView(); return card;",
                        ready);
        Files.write(file, card.getScreenshotAs(OutputType.BYTES));
        System.out.println(file);
    }
}
