package dev.lossref.core.kernels;

/** One {@link Math#exp} per element and one running sum: the plain-Java {@link Exponentials}. */
final class PlainExponentials implements Exponentials {

    @Override
    public double shiftedExponentials(double[] z, int from, int to, double shift, int skip, double[] out) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            double e = Math.exp(z[j] - shift);
            out[j] = e;
            sum += j == skip ? 0 : e;
        }
        return sum;
    }
}
