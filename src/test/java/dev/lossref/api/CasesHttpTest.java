package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /losses/{name}/cases} (docs/http-api.md 7), over the whole catalog. */
@ServiceTest
class CasesHttpTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void everyCasesResponseIsThePostAnswerForItsRequestAndEveryModeAndRegionAppears() {
        for (CatalogEntry entry : catalog.entries()) {
            String name = entry.descriptor().name();
            Http.Response response = http.get("/losses/" + name + "/cases?count=20&seed=7");
            assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(200);
            JsonNode cases = response.json().path("cases");
            assertThat(cases.size()).isEqualTo(20);
            List<String> names = new ArrayList<>();
            for (JsonNode drawn : cases) {
                names.add(drawn.path("name").asString());
                Http.Response answer =
                        http.post("/losses/" + name, drawn.path("request").toString());
                assertThat(answer.status())
                        .as(name + " " + drawn.path("name") + ": " + answer.body())
                        .isEqualTo(200);
                assertThat(drawn.path("response").toString())
                        .as(name + " " + drawn.path("name"))
                        .isEqualTo(answer.json().toString());
                assertSmall(
                        name + " " + drawn.path("name").asString(), drawn.path("request"), name.equals("ctc") ? 10 : 8);
            }
            assertThat(entry.descriptor().edgeRegions())
                    .as(name + " declares an edge region")
                    .isNotEmpty();
            List<String> sources = new ArrayList<>(
                    entry.descriptor().examples().stream().map(Example::name).toList());
            sources.addAll(entry.descriptor().edgeRegions().stream()
                    .map(EdgeRegion::name)
                    .toList());
            for (String source : sources) {
                assertThat(names)
                        .as(name + ": a case of " + source)
                        .anyMatch(caseName -> caseName.startsWith(source + " #"));
            }
        }
    }

    /** Every axis of every array in a case has at most {@code limit} entries (docs/http-api.md 7). */
    private static void assertSmall(String where, JsonNode node, int limit) {
        if (node.isArray()) {
            assertThat(node.size()).as(where).isLessThanOrEqualTo(limit);
        }
        node.forEach(child -> assertSmall(where, child, limit));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        String first = http.get("/losses/focal/cases?count=6&seed=-9223372036854775808")
                .body();

        assertThat(http.get("/losses/focal/cases?count=6&seed=-9223372036854775808")
                        .body())
                .isEqualTo(first);
        assertThat(http.get("/losses/focal/cases?count=6&seed=42").body()).isNotEqualTo(first);
        assertThat(http.get("/losses/focal/cases?count=6&seed=-9223372036854775808")
                        .json()
                        .path("seed")
                        .asLong())
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theDefaultsAreTenCasesOfSeedOne() {
        JsonNode cases = http.get("/losses/hinge/cases").json();

        assertThat(cases.path("count").asInt()).isEqualTo(10);
        assertThat(cases.path("seed").asLong()).isEqualTo(1);
        assertThat(cases.path("cases").size()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"count=0", "count=101", "count=x", "count=2.5", "seed=1.5", "seed=9223372036854775808", "seed=x"
            })
    void aCountOrSeedOutOfRangeIs400(String query) {
        Http.Response response = http.get("/losses/hinge/cases?" + query);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void theCatalogEntryListsItsEdgeRegionsAsNameAndDescription() {
        JsonNode region = http.get("/losses/arcface").json().path("edgeRegions").get(0);

        assertThat(region.path("name").asString()).isEqualTo("theta_y + m beyond pi");
        assertThat(region.path("description").asString()).contains("falls back");
        assertThat(region.has("draw")).isFalse();
    }

    @Test
    void anUnknownLossIs404() {
        assertThat(http.get("/losses/nonesuch/cases").status()).isEqualTo(404);
    }
}
