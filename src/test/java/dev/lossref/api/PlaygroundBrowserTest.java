package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Chromium;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playground in a real browser (Debian's chromium, headless, through chromedriver): the plotted
 * numbers are the curve endpoint's for the setting on screen, a slider moved with the keyboard redraws the
 * plot and the URL, and a setting the API refuses shows its problem. Skipped, saying so, where chromium or
 * chromedriver is not installed; {@code .ci/run} installs them.
 */
@ServiceTest
class PlaygroundBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WebDriver browser;

    @LocalServerPort
    int port;

    private Http http;

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(
                Chromium.installed(),
                "browser tests skipped: no " + Chromium.BROWSER + " or " + Chromium.DRIVER
                        + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        browser = Chromium.start("--window-size=1200,900");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aSharedSettingIsPlottedWithTheCurveEndpointsNumbers() {
        browser.get("http://localhost:" + port + "/?loss=focal&gamma=5");
        WebElement form = drawn("focal", "gamma=5");

        assertThat(form.findElement(By.cssSelector("input[data-mirror=gamma]")).getDomProperty("value"))
                .isEqualTo("5");
        JsonNode curve =
                http.get("/losses/focal/curve?gamma=5&secondDerivative=true").json();
        assertThat(plotted(form, "loss")).isEqualTo(numbers(curve.at("/series/0/loss")));
        assertThat(plotted(form, "derivative")).isEqualTo(numbers(curve.at("/series/0/derivative")));
        assertThat(plotted(form, "second-derivative")).isEqualTo(numbers(curve.at("/series/0/secondDerivative")));
    }

    @Test
    void theAngularFamilyPlotsItsTargetLogitBesideTheLoss() {
        browser.get("http://localhost:" + port + "/?loss=arcface&margin=0.3");
        WebElement form = drawn("arcface", "margin=0.3");

        JsonNode curve = http.get("/losses/arcface/curve?margin=0.3").json();
        assertThat(plotted(form, "target-logit")).isEqualTo(numbers(curve.at("/series/0/targetLogit")));
        assertThat(form.findElements(By.cssSelector("svg.live-plot"))).hasSize(3);
    }

    @Test
    void movingASliderRedrawsThePlotAndTheUrl() {
        browser.get("http://localhost:" + port + "/?loss=focal");
        WebElement form = drawn("focal", "defaults");
        String before = form.findElement(By.cssSelector("path.loss")).getDomAttribute("d");

        WebElement gamma = form.findElement(By.name("gamma"));
        gamma.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        String value = gamma.getDomProperty("value");
        drawn("focal", "gamma=" + value);

        assertThat(value).isNotEqualTo("2");
        assertThat(browser.getCurrentUrl()).contains("loss=focal").contains("gamma=" + value);
        assertThat(form.findElement(By.cssSelector("path.loss")).getDomAttribute("d"))
                .isNotEqualTo(before);
        JsonNode curve = http.get("/losses/focal/curve?gamma=" + value).json();
        assertThat(plotted(form, "loss")).isEqualTo(numbers(curve.at("/series/0/loss")));
    }

    @Test
    void aSettingTheApiRefusesShowsItsProblem() {
        browser.get("http://localhost:" + port + "/?loss=focal");
        WebElement form = drawn("focal", "defaults");

        WebElement exact = form.findElement(By.cssSelector("input[data-mirror=gamma]"));
        exact.clear();
        exact.sendKeys("-1", Keys.TAB);

        assertThat(problemShown(form)).contains("gamma");
    }

    @Test
    void evaluatingTheExampleShowsThePostAnswersValueAndAHeatMapPerGradient() {
        browser.get("http://localhost:" + port + "/#arcface");
        WebElement form = batchForm("arcface");
        String body = form.findElement(By.name("body")).getDomProperty("value");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> !form.findElements(By.cssSelector(".value")).isEmpty());

        JsonNode answer = http.post("/losses/arcface", body).json();
        String shown = form.findElement(By.cssSelector(".value")).getDomAttribute("data-value");
        assertThat(Double.parseDouble(shown)).isEqualTo(answer.get("value").asDouble());
        List<WebElement> heatMaps = form.findElements(By.cssSelector("svg.heat"));
        assertThat(heatMaps).hasSize(answer.get("gradients").size());
        WebElement first = heatMaps.get(0);
        String gradient = answer.get("gradients").propertyNames().iterator().next();
        assertThat(numbers(JSON.readTree(first.getDomAttribute("data-values")).get(0)))
                .isEqualTo(numbers(answer.at("/gradients/" + gradient + "/0")));
        assertThat(first.findElements(By.cssSelector("rect title"))).isNotEmpty();
    }

    @Test
    void anInvalidBodyShowsTheProblemAndItsField() {
        browser.get("http://localhost:" + port + "/#focal");
        WebElement form = batchForm("focal");
        WebElement editor = form.findElement(By.name("body"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]", editor, "{\"logits\": [0.5, \"x\"], \"targets\": [1, 0]}");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        assertThat(problemShown(form)).contains("logits[1]");
    }

    @Test
    void theComparisonViewPlotsTheChosenSettingsOrSaysWhyNot() {
        browser.get("http://localhost:" + port + "/");
        WebElement form = browser.findElement(By.cssSelector("form.compare"));
        form.findElement(By.cssSelector("input[name=mode][value=vary]")).click();
        new Select(form.findElement(By.name("loss"))).selectByValue("focal");
        form.findElement(By.name("vary")).sendKeys("gamma");
        form.findElement(By.name("values")).sendKeys("0,2,5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement image = form.findElement(By.cssSelector(".chosen img"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image)));

        assertThat(image.getDomAttribute("src")).isEqualTo("/curves.svg?loss=focal&vary=gamma&values=0%2C2%2C5");

        form.findElement(By.name("values")).clear();
        form.findElement(By.name("values")).sendKeys("0,-1");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(problemShown(form)).contains("gamma");
    }

    @Test
    void noRequestOfThePageLeavesTheServicesOrigin() {
        browser.get("http://localhost:" + port + "/?loss=focal&gamma=5");
        drawn("focal", "gamma=5");

        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources)
                .isNotEmpty()
                .anyMatch(name -> name.contains("/losses/focal/curve?gamma=5"))
                .allMatch(name -> name.startsWith("http://localhost:" + port + "/"));
    }

    /** The text of the form's problem area once the page has put a problem there. */
    private String problemShown(WebElement form) {
        WebElement problem = form.findElement(By.cssSelector(".problem"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> !problem.getText().isBlank());
        return problem.getText();
    }

    private WebElement batchForm(String loss) {
        WebElement form = browser.findElement(By.cssSelector("form.batch-form[data-loss=" + loss + "]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].closest('details').open = true", form);
        return form;
    }

    /** The loss's form once its plot shows {@code setting} (a query such as gamma=5, or defaults). */
    private WebElement drawn(String loss, String setting) {
        WebElement form = browser.findElement(By.cssSelector("form.playground[data-loss=" + loss + "]"));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> setting.equals(form.getDomAttribute("data-drawn")));
        return form;
    }

    private List<Double> plotted(WebElement form, String kind) {
        String values = (String) ((JavascriptExecutor) browser)
                .executeScript("return arguments[0].querySelector('path.' + arguments[1]).dataset.values", form, kind);
        return numbers(JSON.readTree(values));
    }

    private static List<Double> numbers(JsonNode array) {
        assertThat(array.isArray()).as("an array of numbers").isTrue();
        List<Double> values = new ArrayList<>();
        array.forEach(node -> values.add(node.isNull() ? null : node.asDouble()));
        assertThat(values).isNotEmpty();
        return values;
    }
}
