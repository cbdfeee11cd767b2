package dev.lossref.core;

/**
 * value = scale * sum_c (first_c / p + second_c / q): a mean whose samples have two parts with a divisor
 * each ({@link Reduction#splitMean}). The coefficients are indexed by part, the first parts' then the
 * second parts'.
 */
record SplitMean(double[] first, double firstDivisor, double[] second, double secondDivisor, double scale)
        implements Reduction {

    @Override
    public Reduced reduce(double[] perSample, int rows) {
        int count = first.length;
        double sum = 0;
        for (int c = 0; c < count; c++) {
            sum += (firstDivisor == 0 ? 0 : first[c] / firstDivisor) + second[c] / secondDivisor;
        }
        double[] weights = new double[2 * count];
        for (int c = 0; c < count; c++) {
            weights[c] = firstDivisor == 0 ? 0 : 1.0 / firstDivisor;
            weights[count + c] = 1.0 / secondDivisor;
        }
        return new Reduced(scale * sum, Coefficients.of(scale, weights));
    }

    @Override
    public Reduction scaledBy(double factor) {
        return new SplitMean(first, firstDivisor, second, secondDivisor, scale * factor);
    }

    /** A split mean runs over the parts of a sample, which the client's weights of input rows do not index. */
    @Override
    public Reduction withSampleWeights(double[] sampleWeights, String field) {
        throw new IllegalStateException("a split mean's terms are not the input's samples: sample weights do not apply "
                + "(a loss with a split mean does not declare them)");
    }
}
