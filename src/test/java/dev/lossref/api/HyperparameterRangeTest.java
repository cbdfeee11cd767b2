package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ranges the catalog publishes are the ranges the service enforces: for every bounded
 * hyperparameter of every loss, an inclusive bound is accepted, and a value just outside the range
 * (or an exclusive bound itself) is refused with 400 naming the hyperparameter.
 */
@ServiceTest
class HyperparameterRangeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    @TestFactory
    List<DynamicTest> catalogBoundsAreEnforced() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LossDescriptor loss : catalog.descriptors()) {
            for (Hyperparameter parameter : loss.hyperparameters()) {
                if (parameter.minimum() != null) {
                    tests.add(DynamicTest.dynamicTest(
                            loss.name() + "." + parameter.name() + " minimum",
                            () -> checkBound(loss, parameter, parameter.minimum(), parameter.exclusiveMinimum(), -1)));
                }
                if (parameter.maximum() != null) {
                    tests.add(DynamicTest.dynamicTest(
                            loss.name() + "." + parameter.name() + " maximum",
                            () -> checkBound(loss, parameter, parameter.maximum(), parameter.exclusiveMaximum(), +1)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests;
    }

    private void checkBound(
            LossDescriptor loss, Hyperparameter parameter, BigDecimal bound, boolean exclusive, int outward) {
        ObjectNode example = exampleAcceptingTheDefault(loss, parameter);
        boolean integer = parameter.type().equals("integer");
        BigDecimal step = integer
                ? BigDecimal.ONE
                : new BigDecimal("1e-9").max(bound.abs().multiply(new BigDecimal("1e-9")));
        BigDecimal outside = exclusive ? bound : bound.add(step.multiply(BigDecimal.valueOf(outward)));

        Http.Response refused = post(loss, example, parameter, outside, integer);
        assertThat(refused.status())
                .as("%s.%s = %s", loss.name(), parameter.name(), outside)
                .isEqualTo(400);
        assertThat(refused.errorFields()).contains(parameter.name());

        if (!exclusive) {
            Http.Response accepted = post(loss, example, parameter, bound, integer);
            assertThat(accepted.status())
                    .as("%s.%s = %s: %s", loss.name(), parameter.name(), bound, accepted.body())
                    .isEqualTo(200);
        }
    }

    private Http.Response post(
            LossDescriptor loss, ObjectNode example, Hyperparameter parameter, BigDecimal value, boolean integer) {
        ObjectNode body = example.deepCopy();
        if (integer) {
            body.put(parameter.name(), value.intValueExact());
        } else {
            body.put(parameter.name(), value.doubleValue());
        }
        return new Http(port).post("/losses/" + loss.name(), body.toString());
    }

    /** The first example in which the hyperparameter applies: sending its default there is accepted. */
    private ObjectNode exampleAcceptingTheDefault(LossDescriptor loss, Hyperparameter parameter) {
        for (Example example : loss.examples()) {
            ObjectNode body = (ObjectNode) JSON.readTree(example.body());
            body.putPOJO(parameter.name(), parameter.defaultValue());
            if (new Http(port).post("/losses/" + loss.name(), body.toString()).status() == 200) {
                return (ObjectNode) JSON.readTree(example.body());
            }
        }
        return fail("no example of " + loss.name() + " accepts " + parameter.name() + " = " + parameter.defaultValue());
    }
}
