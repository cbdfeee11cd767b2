package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.ServiceTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every draw of {@code GET /losses/{name}/cases} is a request its own loss accepts: a case the service draws and
 * then refuses is a 400 blaming the client for the service's own draw. Case i's source and generator depend on i
 * and the seed alone, so the cases of a smaller count are the first cases of the largest, and the largest count at
 * a seed covers every count there ({@link #aSmallerCountDrawsTheFirstCasesOfTheLargest} holds that claim to
 * account at seed 1). The controller is called in process, where the sweep can afford fifty seeds
 * (CasesHttpTest compares each case with its POST answer over HTTP): seeds 1 to 5 alone never reached the
 * out-of-domain cosines the angular losses' edge regions drew, first at seed 7.
 */
@ServiceTest
class CasesForEveryLossTest {

    private static final int SEEDS = 50;
    /** Every count up to 10 and two beyond: every count up to 99 would draw some 5,000 cases a loss, 20 s in all. */
    private static final int[] SMALLER_COUNTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 99};

    @Autowired
    private CasesController controller;

    @Autowired
    private JsonMapper mapper;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.lossref.catalog.CatalogNames#all")
    void everyDrawOfTheLargestCountIsAnsweredAtSeedsOneToFifty(String loss) {
        Map<Integer, String> refused = new TreeMap<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            try {
                controller.cases(loss, Integer.toString(CasesController.MAX_COUNT), Integer.toString(seed));
            } catch (RuntimeException refusal) {
                refused.put(seed, refusal.toString());
            }
        }

        assertThat(refused).as(loss + ": the seeds whose cases are refused").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.lossref.catalog.CatalogNames#all")
    void aSmallerCountDrawsTheFirstCasesOfTheLargest(String loss) {
        List<CasesController.Case> largest = draw(loss, CasesController.MAX_COUNT);
        for (int count : SMALLER_COUNTS) {
            assertThat(mapper.writeValueAsString(draw(loss, count)))
                    .as(loss + ", count " + count)
                    .isEqualTo(mapper.writeValueAsString(largest.subList(0, count)));
        }
    }

    private List<CasesController.Case> draw(String loss, int count) {
        return controller.cases(loss, Integer.toString(count), "1").cases();
    }
}
