package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults the catalog publishes are the defaults the service applies: for every loss, every
 * catalog example and every hyperparameter with a default, the request that omits it and the request
 * that sends the declared default answer the same bytes. Where the example's input mode does not take
 * the hyperparameter at all (l2 without a linear model, focal's alpha in multi-class mode), sending it
 * is refused with a 400 naming it, and omitting it still answers 200.
 */
@ServiceTest
class DeclaredDefaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static int identical;
    private static int notApplicable;

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    @TestFactory
    List<DynamicTest> omittingAHyperparameterEqualsSendingItsDeclaredDefault() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LossDescriptor loss : catalog.descriptors()) {
            for (Example example : loss.examples()) {
                for (Hyperparameter parameter : loss.hyperparameters()) {
                    if (parameter.defaultValue() != null) {
                        tests.add(DynamicTest.dynamicTest(
                                loss.name() + " / " + example.name() + " / " + parameter.name(),
                                () -> compare(loss, example, parameter)));
                    }
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "declared defaults: %d identical answers, %d not applicable in the example's mode%n",
                identical, notApplicable);
        assertThat(identical).isGreaterThan(100);
    }

    private void compare(LossDescriptor loss, Example example, Hyperparameter parameter) {
        Http http = new Http(port);
        ObjectNode omitted = (ObjectNode) JSON.readTree(example.body());
        omitted.remove(parameter.name());
        ObjectNode sent = omitted.deepCopy();
        sent.set(parameter.name(), JSON.valueToTree(parameter.defaultValue()));
        Http.Response withoutIt = http.post("/losses/" + loss.name(), omitted.toString());
        Http.Response withDefault = http.post("/losses/" + loss.name(), sent.toString());
        if (withoutIt.status() != 200) {
            // The example depends on the field (log targets need logTarget true): both must fail alike.
            assertThat(withDefault.status()).isEqualTo(withoutIt.status());
            assertThat(withDefault.body()).isEqualTo(withoutIt.body());
            identical++;
            return;
        }
        if (withDefault.status() == 400) {
            assertThat(withDefault.errorFields()).as(withDefault.body()).containsExactly(parameter.name());
            notApplicable++;
            return;
        }
        assertThat(withDefault.status()).as(withDefault.body()).isEqualTo(200);
        assertThat(withDefault.body()).isEqualTo(withoutIt.body());
        identical++;
    }
}
