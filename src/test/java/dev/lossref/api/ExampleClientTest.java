package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lossref.support.ServiceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * examples/check_loss.py (docs/http-api.md 7's example client) against the running test server: a right l1 loss
 * passes every case, and the mean/sum mix-up is caught with its scale hint. Needs python3 with numpy
 * (.ci/run installs Debian's python3-numpy); elsewhere the test is skipped with a message.
 */
@ServiceTest
class ExampleClientTest {

    @LocalServerPort
    private int port;

    @Test
    void aRightImplementationPassesEveryCase() throws Exception {
        Run run = client("examples/my_losses.py:l1_loss");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("6 of 6 cases passed");
    }

    @Test
    void theMeanSumMixUpIsCaughtWithItsHint() throws Exception {
        Run run = client("examples/my_losses.py:l1_loss_summed");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("FAIL  vectors #1")
                .contains("hint (scale) value")
                .contains("4 times the expected ones (k = the mean's denominator");
    }

    private record Run(int exitCode, String output) {}

    private Run client(String function) throws IOException, InterruptedException {
        assumeTrue(
                succeeds(List.of("python3", "-c", "import numpy")),
                "python3 with numpy is not installed: examples/check_loss.py is not tested here");
        Process process = new ProcessBuilder(
                        "python3",
                        "examples/check_loss.py",
                        "l1",
                        function,
                        "--url",
                        "http://127.0.0.1:" + port,
                        "--count",
                        "6")
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException unavailable) {
            return false;
        }
    }
}
