package dev.lossref.core.kernels;

/** The pieces of {@link SoftplusParts}: the plain-Java or the Vector API kernel. */
interface SoftplusKernel {

    /** decay[i] = e^-|z[i]| and logOnePlusDecay[i] = log(1 + decay[i]) for i in [from, to). */
    void softplusParts(double[] z, int from, int to, double[] decay, double[] logOnePlusDecay);
}
