package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A region where a loss's numerics or conventions are delicate (logits of magnitude 1e3, theta_y + m
 * beyond pi, a hinge exactly at its kink, a batch without a valid triplet), as data: the test cases of
 * {@code GET /losses/{name}/cases} draw requests in it, and the catalog lists it.
 *
 * @param name the region's name, which starts the name of every case drawn in it
 * @param description what is delicate there, and what the service does
 * @param draw a request body in the region, its random values from the generator (at most 8 entries on
 *     every axis)
 */
public record EdgeRegion(
        String name, String description, @JsonIgnore Function<SplittableRandom, Map<String, Object>> draw) {

    /** A normal deviate, for the random values of a drawn request. */
    public static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * A cosine around 0 for a request's {@code cosines}: a normal deviate times {@code spread}, drawn again until it
     * lies in [-1, 1], the domain the losses check cosines against. A plain deviate is unbounded: 0.3 times one falls
     * outside once in some 1,200 values, and the loss then refused the service's own draw. Drawing again consumes
     * the generator only after such a value, so every draw that was already inside is unchanged.
     */
    public static double cosine(SplittableRandom random, double spread) {
        double cosine = spread * gaussian(random);
        while (!(cosine >= -1 && cosine <= 1)) {
            cosine = spread * gaussian(random);
        }
        return cosine;
    }

    /** {@code n} normal deviates times {@code scale}. */
    public static double[] gaussianVector(SplittableRandom random, int n, double scale) {
        double[] vector = new double[n];
        for (int j = 0; j < n; j++) {
            vector[j] = scale * gaussian(random);
        }
        return vector;
    }

    /** A rows x cols matrix of normal deviates times {@code scale}. */
    public static double[][] gaussianMatrix(SplittableRandom random, int rows, int cols, double scale) {
        double[][] matrix = new double[rows][cols];
        for (double[] row : matrix) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * gaussian(random);
            }
        }
        return matrix;
    }
}
