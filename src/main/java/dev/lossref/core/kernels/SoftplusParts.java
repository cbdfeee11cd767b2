package dev.lossref.core.kernels;

/**
 * The two pieces every softplus and sigmoid of z is made of, for a run of numbers: {@code decay = e^-|z|}
 * and {@code log1p(decay) = log(1 + e^-|z|)}. From them, without overflow or cancellation for any finite z,
 * softplus(z) = max(z, 0) + log1p(decay), softplus(-z) = max(-z, 0) + log1p(decay), and sigmoid(+-z) is
 * 1 / (1 + decay) on the side of the sign of z and decay / (1 + decay) on the other.
 */
public final class SoftplusParts {

    private static final SoftplusKernel KERNEL = KernelChoice.softplus();

    private SoftplusParts() {}

    /** Writes {@code decay[i] = e^-|z[i]|} and {@code logOnePlusDecay[i] = log(1 + decay[i])} for every i of z. */
    public static void of(double[] z, double[] decay, double[] logOnePlusDecay) {
        KERNEL.softplusParts(z, 0, z.length, decay, logOnePlusDecay);
    }
}
