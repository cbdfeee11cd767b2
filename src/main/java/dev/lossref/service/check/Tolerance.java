package dev.lossref.service.check;

/** |claimed - expected| <= atol + rtol |expected|, element by element. */
record Tolerance(double rtol, double atol) {

    boolean accepts(double claimed, double expected) {
        return Math.abs(claimed - expected) <= atol + rtol * Math.abs(expected);
    }

    /** How many tolerances apart: |c - e| / (atol + rtol |e|), infinite where the tolerance is 0 and they differ. */
    double excess(double claimed, double expected) {
        double difference = Math.abs(claimed - expected);
        double allowed = atol + rtol * Math.abs(expected);
        if (difference == 0) {
            return 0;
        }
        return allowed == 0 ? Double.POSITIVE_INFINITY : difference / allowed;
    }

    boolean acceptsAll(double[] claimed, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            if (!accepts(claimed[k], expected[k])) {
                return false;
            }
        }
        return true;
    }
}
