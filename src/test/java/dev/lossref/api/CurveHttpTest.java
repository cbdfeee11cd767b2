package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.Comparison;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.core.Tensor;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The curves, their SVG plots and the gallery. */
@ServiceTest
class CurveHttpTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    @Autowired
    private JsonMapper mapper;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void everyCurvePointIsThePostEndpointsAnswerAtThatPoint() {
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            JsonNode curve = http.get("/losses/" + name + "/curve?points=9").json();
            double[] x = numbers(curve.path("x"));
            for (int k = 0; k < entry.curve().series().size(); k++) {
                CurveSeries series = entry.curve().series().get(k);
                JsonNode points = curve.path("series").get(k);
                for (int i = 0; i < x.length; i += 4) {
                    Map<String, Object> body = new LinkedHashMap<>(series.request(new double[] {x[i]}, Map.of()));
                    if (!series.batchPerPoint()) {
                        body.put("reduction", "sum");
                    }
                    Http.Response response = http.post("/losses/" + name, mapper.writeValueAsString(body));
                    assertThat(response.status()).as(name + " at " + x[i]).isEqualTo(200);
                    JsonNode answer = response.json();
                    assertThat(points.path("loss").get(i).asDouble())
                            .as(name + " loss at " + x[i])
                            .isEqualTo(answer.path("value").asDouble());
                    Map<String, Tensor> gradients = new LinkedHashMap<>();
                    for (String input : List.copyOf(answerNames(answer.path("gradients")))) {
                        gradients.put(
                                input,
                                Tensor.vector(numbers(answer.path("gradients").path(input))));
                    }
                    assertThat(points.path("derivative").get(i).asDouble())
                            .as(name + " derivative at " + x[i])
                            .isEqualTo(series.derivative(0, x[i], gradients, Map.of()));
                }
            }
        }
    }

    @Test
    void everyCurveAlongTheTargetAngleRisesWithTheAngleAsThePapersDrawIt() {
        List<String> angular = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            JsonNode curve = http.get("/losses/" + name + "/curve?points=181").json();
            if (!curve.path("axis").asString().equals("theta")) {
                continue;
            }
            angular.add(name);
            double[] loss = numbers(curve.at("/series/0/loss"));
            // The combined margin has no fallback (InsightFace's formula, as its entry says): cos(theta + m2)
            // rises again past theta = pi - m2 (0.5 by default), and its loss falls with it there.
            int end = name.equals("combined-margin") ? (int) Math.floor((Math.PI - 0.5) / Math.PI * 180) : loss.length;
            for (int i = 1; i < end; i++) {
                assertThat(loss[i])
                        .as("%s at point %d", name, i)
                        .isGreaterThanOrEqualTo(loss[i - 1] - 1e-12 * Math.abs(loss[i - 1]));
            }
            assertThat(loss[loss.length - 1]).as(name).isGreaterThan(loss[0]);
        }
        assertThat(angular)
                .contains(
                        "arcface",
                        "angular-softmax",
                        "large-margin-softmax",
                        "additive-margin-softmax",
                        "normface",
                        "combined-margin",
                        "proxy-anchor");
    }

    @Test
    void theMarginSoftmaxFamilyDrawsItsTargetLogitAsThePapersDefineIt() {
        JsonNode arcface =
                http.get("/losses/arcface/curve?scale=10&margin=0.3&points=13").json();
        JsonNode cosface = http.get("/losses/additive-margin-softmax/curve?scale=10&margin=0.3&points=13")
                .json();
        JsonNode normface =
                http.get("/losses/normface/curve?scale=10&points=13").json();
        double[] theta = numbers(arcface.path("x"));
        double[] additiveAngular = numbers(arcface.at("/series/0/targetLogit"));
        double[] additiveCosine = numbers(cosface.at("/series/0/targetLogit"));
        double[] plain = numbers(normface.at("/series/0/targetLogit"));

        for (int i = 0; i < theta.length; i++) {
            // ArcFace: s cos(theta + m), and s (cos theta - m sin m) past theta + m = pi (its fallback).
            double expected = theta[i] + 0.3 <= Math.PI
                    ? 10 * Math.cos(theta[i] + 0.3)
                    : 10 * (Math.cos(theta[i]) - 0.3 * Math.sin(0.3));
            assertThat(additiveAngular[i]).as("arcface at theta %s", theta[i]).isCloseTo(expected, within(1e-12));
            assertThat(additiveCosine[i])
                    .as("cosface at theta %s", theta[i])
                    .isCloseTo(10 * (Math.cos(theta[i]) - 0.3), within(1e-12));
            assertThat(plain[i]).as("normface at theta %s", theta[i]).isCloseTo(10 * Math.cos(theta[i]), within(1e-12));
        }
        assertThat(http.get("/losses/arcface/curve.svg?quantity=target-logit").status())
                .isEqualTo(200);
        assertThat(http.get("/losses/focal/curve.svg?quantity=target-logit").errorFields())
                .containsExactly("quantity");
        assertThat(http.get("/losses/focal/curve")
                        .json()
                        .at("/series/0/targetLogit")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void everyBatchPanelLinksToSwaggerUisCheckFormOfItsLoss() {
        String page = http.get("/").body();
        JsonNode paths = http.get("/v3/api-docs").json().path("paths");
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            JsonNode check = paths.path("/losses/" + name + "/check").path("post");
            assertThat(check.path("tags").toString()).as(name).contains("checks");
            assertThat(page)
                    .contains("/swagger-ui/index.html#/checks/"
                            + check.path("operationId").asString() + "\"");
        }
    }

    @Test
    void noLegendCoversACurve() throws Exception {
        List<String> plots = new ArrayList<>();
        Comparison.GALLERY.forEach(comparison -> plots.add(comparison.plot()));
        for (CatalogEntry entry : catalog.entries()) {
            plots.add("/losses/" + entry.descriptor().name() + "/curve.svg");
            plots.add("/losses/" + entry.descriptor().name() + "/curve.svg?quantity=derivative");
        }
        plots.add("/curves.svg?losses=normface,additive-margin-softmax,arcface,angular-softmax&quantity=target-logit");
        for (String plot : plots) {
            Document svg = xml(http.get(plot));
            Element box = (Element) svg.getElementsByTagName("rect")
                    .item(svg.getElementsByTagName("rect").getLength() - 1);
            assertThat(box.getAttribute("class")).isEqualTo("legend-box");
            double x = Double.parseDouble(box.getAttribute("x"));
            double y = Double.parseDouble(box.getAttribute("y"));
            double right = x + Double.parseDouble(box.getAttribute("width"));
            double bottom = y + Double.parseDouble(box.getAttribute("height"));
            NodeList paths = svg.getElementsByTagName("path");
            assertThat(paths.getLength()).as(plot).isPositive();
            for (int k = 0; k < paths.getLength(); k++) {
                String[] numbers = ((Element) paths.item(k))
                        .getAttribute("d")
                        .replaceAll("[ML]", " ")
                        .trim()
                        .split("\\s+");
                for (int i = 0; i + 1 < numbers.length; i += 2) {
                    double px = Double.parseDouble(numbers[i]);
                    double py = Double.parseDouble(numbers[i + 1]);
                    assertThat(px >= x && px <= right && py >= y && py <= bottom)
                            .as("%s: a point (%s, %s) of a curve under the legend", plot, px, py)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void derivativesAreTheSlopesOfTheCurves() {
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            JsonNode curve = http.get("/losses/" + name + "/curve?points=2001").json();
            double[] x = numbers(curve.path("x"));
            double h = x[1] - x[0];
            for (JsonNode series : curve.path("series")) {
                double[] loss = numbers(series.path("loss"));
                double[] derivative = numbers(series.path("derivative"));
                int checked = 0;
                for (int i = 2; i < x.length - 2; i += 7) {
                    // Central differences over h and 2h agree where the curve is smooth, and not across a kink,
                    // a jump or a jump of the second derivative (psi's segment boundaries), which are skipped.
                    double slope = (loss[i + 1] - loss[i - 1]) / (2 * h);
                    double wideSlope = (loss[i + 2] - loss[i - 2]) / (4 * h);
                    boolean smooth = Math.abs(slope - wideSlope) < 1e-4 * (1 + Math.abs(slope));
                    if (smooth) {
                        assertThat(derivative[i])
                                .as("%s %s at %s", name, series.path("name").asString(), x[i])
                                .isCloseTo(slope, within(1e-3 * (1 + Math.abs(slope))));
                        checked++;
                    }
                }
                assertThat(checked).as(name + ": smooth points checked").isGreaterThan(50);
            }
        }
    }

    /** The second derivative along each curve is the slope of its first derivative, for every loss that has one. */
    @Test
    void secondDerivativesAreTheSlopesOfTheDerivatives() {
        int losses = 0;
        for (CatalogEntry entry : catalog.entries()) {
            if (!entry.hasSecondDerivativeAlongCurve()) {
                continue;
            }
            losses++;
            String name = entry.descriptor().name();
            JsonNode curve = http.get("/losses/" + name + "/curve?points=2001&secondDerivative=true")
                    .json();
            double[] x = numbers(curve.path("x"));
            double h = x[1] - x[0];
            for (JsonNode series : curve.path("series")) {
                double[] derivative = numbers(series.path("derivative"));
                double[] second = numbers(series.path("secondDerivative"));
                assertThat(second).as(name).hasSameSizeAs(x);
                int checked = 0;
                for (int i = 2; i < x.length - 2; i += 7) {
                    double slope = (derivative[i + 1] - derivative[i - 1]) / (2 * h);
                    double wideSlope = (derivative[i + 2] - derivative[i - 2]) / (4 * h);
                    if (Math.abs(slope - wideSlope) < 1e-4 * (1 + Math.abs(slope))) {
                        assertThat(second[i])
                                .as("%s second derivative at %s", name, x[i])
                                .isCloseTo(slope, within(1e-3 * (1 + Math.abs(slope))));
                        checked++;
                    }
                }
                assertThat(checked).as(name + ": smooth points checked").isGreaterThan(50);
            }
        }
        assertThat(losses).isGreaterThanOrEqualTo(7);
        assertThat(http.get("/losses/arcface/curve?secondDerivative=true").errorFields())
                .containsExactly("secondDerivative");
        assertThat(http.get("/losses/hinge/curve").json().path("series").get(0).has("secondDerivative"))
                .as("only when asked for")
                .isFalse();
    }

    @Test
    void derivativesPlotDrawsTheFirstAndSecondDerivative() throws Exception {
        Document plot = xml(http.get("/losses/exponential/curve.svg?quantity=derivatives"));
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='path'][@class='line']", plot, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(2);
        JsonNode exponential = http.get("/losses/exponential/curve?from=-1&to=1&points=3&secondDerivative=true")
                .json()
                .path("series")
                .get(0);
        assertThat(numbers(exponential.path("secondDerivative"))).containsExactly(Math.E, 1, Math.exp(-1));
        assertThat(http.get("/").body())
                .contains("/losses/focal/curve.svg?quantity=derivatives")
                .doesNotContain("/losses/arcface/curve.svg?quantity=derivatives");
    }

    @Test
    void handComputedPointsOfTheClassicCurves() {
        JsonNode hinge = http.get("/losses/hinge/curve?from=-1&to=2&points=4")
                .json()
                .path("series")
                .get(0);
        assertThat(numbers(hinge.path("loss"))).containsExactly(2, 1, 0, 0);
        assertThat(numbers(hinge.path("derivative"))).containsExactly(-1, -1, 0, 0);

        JsonNode focal = http.get("/losses/focal/curve?from=0.25&to=0.5&points=2&gamma=2&alpha=null")
                .json()
                .path("series")
                .get(0);
        assertThat(focal.path("loss").get(1).asDouble()).isCloseTo(0.25 * Math.log(2), within(1e-15));

        JsonNode contrastive = http.get("/losses/contrastive/curve?from=0.5&to=1&points=2&margin=1")
                .json()
                .path("series");
        assertThat(contrastive.get(0).path("loss").get(0).asDouble()).isEqualTo(0.125);
        assertThat(contrastive.get(1).path("loss").get(0).asDouble()).isEqualTo(0.125);
        assertThat(contrastive.get(1).path("loss").get(1).asDouble()).isZero();
    }

    @Test
    void svgHasAxesOnePathPerSeriesAndALegend() throws Exception {
        Document plot = xml(http.get("/curves.svg?losses=zero-one,hinge,exponential,binary-cross-entropy"));
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='g'][@class='x-axis']", plot, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(1);
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='g'][@class='y-axis']", plot, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(1);
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='path'][@class='line']", plot, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(4);
        NodeList legend = (NodeList) xpath.evaluate(
                "//*[local-name()='g'][@class='legend']/*[local-name()='text']", plot, XPathConstants.NODESET);
        assertThat(legend.getLength()).isEqualTo(4);
        assertThat(legend.item(1).getTextContent()).isEqualTo("hinge");
        assertThat(xpath.evaluate("//*[local-name()='title']", plot)).contains("margin");

        Document varied = xml(http.get("/curves.svg?loss=focal&vary=gamma&values=0,0.5,1,2,5&alpha=null"));
        assertThat(((NodeList) xpath.evaluate(
                                "//*[local-name()='path'][@class='line']", varied, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(5);
        Document contrastive = xml(http.get("/losses/contrastive/curve.svg?quantity=derivative"));
        assertThat(((NodeList) xpath.evaluate(
                                "//*[local-name()='path'][@class='line']", contrastive, XPathConstants.NODESET))
                        .getLength())
                .isEqualTo(2);
    }

    @Test
    void galleryShowsEveryLossWithWorkingLinks() {
        Http.Response page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        JsonNode apiDocs = http.get("/v3/api-docs").json();
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            String operationId = apiDocs.path("paths")
                    .path("/losses/" + name)
                    .path("post")
                    .path("operationId")
                    .asString();
            assertThat(page.body())
                    .contains(entry.descriptor().title().replace("&", "&amp;"))
                    .contains("src=\"/losses/" + name + "/curve.svg\"")
                    .contains("href=\"/swagger-ui/index.html#/losses/" + operationId + "\"")
                    .contains("href=\"/losses/" + name + "\"");
            assertThat(http.get("/losses/" + name).status()).isEqualTo(200);
        }
        for (String asset : List.of(
                "/vendor/katex/katex.min.css",
                "/vendor/katex/katex.min.js",
                "/vendor/katex/auto-render.min.js",
                "/vendor/katex/fonts/KaTeX_Main-Regular.woff2")) {
            assertThat(page.body().contains(asset) || asset.contains("fonts")).isTrue();
            assertThat(http.get(asset).status()).as(asset).isEqualTo(200);
        }
        assertThat(page.body()).doesNotContain("cdn.", "https://cdn");
    }

    @Test
    void curveEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = http.get("/v3/api-docs").json().path("paths");
        assertThat(paths.has("/losses/{name}/curve")).isTrue();
        assertThat(paths.has("/losses/{name}/curve.svg")).isTrue();
        assertThat(paths.path("/curves.svg").path("get").path("parameters").toString())
                .contains("losses", "vary", "values");
        assertThat(paths.path("/losses/{name}/curve")
                        .path("get")
                        .path("parameters")
                        .toString())
                .contains("from", "points");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/focal/curve?gamma=-1          | gamma
            /losses/focal/curve?gamma=abc         | gamma
            /losses/hinge/curve?colour=red        | colour
            /losses/hinge/curve?points=1          | points
            /losses/hinge/curve?from=2&to=1       | from
            /losses/hinge/curve?from=NaN          | from
            /losses/arcface/curve?margin=3        | margin
            /losses/hinge/curve.svg?quantity=area | quantity
            /curves.svg?losses=hinge,arcface      | losses
            /curves.svg?loss=focal&vary=gamma     | values
            /losses/hinge/curve?reduction=sum     | reduction
            """)
    void invalidCurveRequestsAre400NamingTheParameter(String path, String field) {
        Http.Response response = http.get(path);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).contains(field);
    }

    @Test
    void unknownLossCurveIs404() {
        assertThat(http.get("/losses/nope/curve").status()).isEqualTo(404);
    }

    private static Document xml(Http.Response response) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("image/svg+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    /** The numbers of a JSON array of any depth, flattened row-major. */
    private static double[] numbers(JsonNode array) {
        List<Double> flat = new java.util.ArrayList<>();
        collect(array, flat);
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> flat) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, flat));
        } else {
            flat.add(node.asDouble());
        }
    }

    private static List<String> answerNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
