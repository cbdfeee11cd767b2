package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lossref.api.json.ElementBudget;
import dev.lossref.api.json.NumberArrays;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.support.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The JSON fast path (bodies of known length read whole, their arrays parsed by NumberBlockParser, large
 * ones in parallel) gives the very records, and the very errors, of the streaming path: every test reads one
 * body both ways.
 */
@ServiceTest
class JsonFastPathTest {

    /** A request shape with every kind of array field the strict readers know. */
    record Batch(Matrix logits, int[] labels, Tensor sequences, double[] weights, Double temperature) {}

    private static final int ROWS = 900;
    private static final int COLS = 150;

    @Autowired
    RequestReader reader;

    @Test
    void largeArraysReadTheSameNumbersAsTheStreamingReaders() {
        String body = batch(new SplittableRandom(7));
        assertThat(body.length()).isGreaterThan(2 << 20);
        NumberArrays arrays =
                NumberArrays.cut(body.getBytes(StandardCharsets.UTF_8), 400, new ElementBudget(1 << 24, n -> {}));
        assertThat(new String(arrays.document(), StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"temperature\": 0.5,\n \"logits\": [],\n \"labels\": [],\n \"sequences\": [],\n "
                        + "\"weights\": []}");

        Batch fast = read(body, true);
        Batch streamed = read(body, false);

        assertThat(fast.logits().rows()).isEqualTo(ROWS);
        assertThat(fast.logits().cols()).isEqualTo(COLS);
        assertThat(bits(fast.logits().data())).isEqualTo(bits(streamed.logits().data()));
        assertThat(fast.labels()).isEqualTo(streamed.labels());
        assertThat(fast.sequences().shape())
                .containsExactly(12, 40, 30)
                .isEqualTo(streamed.sequences().shape());
        assertThat(bits(fast.sequences().data()))
                .isEqualTo(bits(streamed.sequences().data()));
        assertThat(bits(fast.weights())).isEqualTo(bits(streamed.weights()));
        assertThat(fast.temperature()).isEqualTo(0.5);
    }

    @Test
    void theNumbersAreThoseOfTheirDecimalText() {
        String row = "[0, -0.0, 1e-5, 1E+300, -2.2250738585072014E-308, 4.9e-324, 123456789012345678901234567890, 0.1, "
                + "0.30000000000000004, 17]";
        StringBuilder body = new StringBuilder("{\"logits\": [");
        for (int i = 0; i < 2000; i++) {
            body.append(i == 0 ? "" : ",\n  ").append(row);
        }
        body.append("], \"labels\": [1], \"sequences\": [[[1]]], \"weights\": [1], \"temperature\": 0.5}");
        body.append(" ".repeat(1 << 20));

        Matrix logits = read(body.toString(), true).logits();

        double[] expected = {
            0,
            -0.0,
            1e-5,
            1e300,
            -2.2250738585072014E-308,
            Double.MIN_VALUE,
            1.2345678901234568e29,
            0.1,
            0.30000000000000004,
            17
        };
        for (int i : new int[] {0, 999, 1999}) {
            assertThat(bits(Arrays.copyOfRange(logits.data(), i * 10, i * 10 + 10)))
                    .isEqualTo(bits(expected));
        }
    }

    /** Damage done to a valid large body, each of which the strict readers refuse with a field and index. */
    static List<UnaryOperator<String>> damage() {
        return List.of(
                body -> replaceNth(body, "]", 300, ",1]"),
                body -> replaceNth(body, ",", 4000, ",\"x\","),
                body -> replaceNth(body, ",", 5000, ",1e999,"),
                body -> replaceNth(body, ",", 6000, ",null,"),
                body -> replaceNth(body, ",", 7000, " "),
                body -> replaceNth(body, ",", 8000, ",,"),
                body -> replaceNth(body, ",", 9000, ",[1],"),
                body -> replaceNth(body, ",", 10000, ",01,"),
                body -> replaceNth(body, ",", 11000, "x,"),
                body -> replaceNth(body, ",", 12000, "},"),
                body -> replaceNth(body, ",", 13000, "\u00e9,"),
                body -> replaceNth(body, ",", 14000, "[,"),
                body -> replaceNth(body, ",", 15000, "," + "1".repeat(401) + ","),
                body -> replaceNth(body, ",", 15500, ",1.,"),
                body -> replaceNth(body, ",", 16000, ",-,"),
                body -> replaceNth(body, ",", 16500, ",1e+,"),
                body -> replaceNth(body, ",", 17000, ",.5,"),
                body -> replaceNth(body, ",", 17500, ",--1,"),
                body -> replaceNth(body, ",", 18000, ",2.5e,"),
                body -> body.replace("\"labels\": [", "\"labels\": [1.5, "),
                body -> body.replace("\"labels\": [", "\"labels\": [3000000000, "),
                body -> body.replace("\"weights\": [", "\"weights\": [[1, 2], "),
                body -> body.replace("\"temperature\": 0.5", "\"temperature\": " + bigRow(20000)),
                body -> body.replace("\"temperature\": 0.5", "\"extra\": " + bigRow(20000)),
                body -> body.replace("\"sequences\": [[", "\"sequences\": [[[1, 2]], ["),
                body -> body.substring(0, body.length() - 40));
    }

    @ParameterizedTest
    @MethodSource("damage")
    void aDamagedLargeBodyIsRefusedAsTheStreamingReadersRefuseIt(UnaryOperator<String> damage) {
        String body = damage.apply(batch(new SplittableRandom(11)));

        Throwable fast = catchThrowable(() -> read(body, true));
        Throwable streamed = catchThrowable(() -> read(body, false));

        assertThat(streamed).isInstanceOf(InvalidInputException.class);
        assertThat(fast).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) fast).violations())
                .isEqualTo(((InvalidInputException) streamed).violations())
                .isNotEmpty();
    }

    @Test
    void bracketsInsideStringsAreNotArrays() {
        String big = bigRow(30000);
        String body = "{\"note\": \"a [ \\\" ] , { \", \"logits\": " + big + ", \"tail\": \"]\"}";

        NumberArrays arrays =
                NumberArrays.cut(body.getBytes(StandardCharsets.UTF_8), 400, new ElementBudget(1 << 20, n -> {}));

        assertThat(arrays).isNotNull();
        assertThat(new String(arrays.document(), StandardCharsets.UTF_8))
                .isEqualTo("{\"note\": \"a [ \\\" ] , { \", \"logits\": [], \"tail\": \"]\"}");
    }

    @Test
    void aLargeArrayIsChargedToTheElementBudget() {
        String body = "{\"logits\": " + bigRow(30000) + "}";

        Throwable refused = catchThrowable(
                () -> NumberArrays.cut(body.getBytes(StandardCharsets.UTF_8), 400, new ElementBudget(29999, n -> {})));

        assertThat(refused).hasMessageContaining("29999");
    }

    private Batch read(String body, boolean withLength) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/losses/test") {
            @Override
            public long getContentLengthLong() {
                return withLength ? bytes.length : -1;
            }
        };
        request.setContent(bytes);
        return reader.read(request, Batch.class);
    }

    private static String batch(SplittableRandom random) {
        StringBuilder body = new StringBuilder(1 << 22);
        body.append("{\"temperature\": 0.5,\n \"logits\": [");
        for (int i = 0; i < ROWS; i++) {
            body.append(i == 0 ? "[" : ",\n  [");
            for (int j = 0; j < COLS; j++) {
                body.append(j == 0 ? "" : ", ").append(number(random));
            }
            body.append(']');
        }
        body.append("],\n \"labels\": [");
        for (int i = 0; i < 20000; i++) {
            body.append(i == 0 ? "" : ",").append(random.nextInt(-5, 2_000_000_000));
        }
        body.append("],\n \"sequences\": [");
        for (int n = 0; n < 12; n++) {
            body.append(n == 0 ? "[" : ", [");
            for (int t = 0; t < 40; t++) {
                body.append(t == 0 ? "[" : ",[");
                for (int c = 0; c < 30; c++) {
                    body.append(c == 0 ? "" : ",").append(number(random));
                }
                body.append(']');
            }
            body.append(']');
        }
        body.append("],\n \"weights\": [");
        for (int i = 0; i < 10000; i++) {
            body.append(i == 0 ? "" : ",").append(number(random));
        }
        return body.append("]}").toString();
    }

    /** A number in one of the forms JSON writers produce: integers, exponents, shortest round trip, long. */
    private static String number(SplittableRandom random) {
        double value = random.nextGaussian() * Math.pow(10, random.nextInt(-12, 12));
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(Math.round(value));
            case 1 -> String.format(Locale.ROOT, "%.17e", value);
            case 2 -> String.format(Locale.ROOT, "%.3E", value);
            default -> Double.toString(value);
        };
    }

    private static String bigRow(int length) {
        StringBuilder row = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            row.append(i == 0 ? "" : ",").append(i % 97 * 0.25);
        }
        return row.append(']').toString();
    }

    private static String replaceNth(String text, String target, int n, String replacement) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.indexOf(target, at + 1);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
