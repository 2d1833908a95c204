package dev.cairn.core.crdt;

/**
 * The improved raw estimator of Otmar Ertl, "New cardinality estimation algorithms for HyperLogLog sketches" (2017,
 * arXiv:1702.01284), section 3.
 *
 * <p>It needs no empirical bias tables (unlike HyperLogLog++) and no switch between linear counting and the raw
 * estimate: the {@code sigma} term corrects for empty registers (small cardinalities), the {@code tau} term for
 * saturated ones (cardinalities near 2^64). Its relative standard error is about {@code 1.04 / sqrt(m)} over the whole
 * range, which the tests check from 1 to 10^7.
 */
final class HllEstimator {
    /** The limit of the bias-correction constant alpha_m as m grows: 1 / (2 ln 2). */
    private static final double ALPHA_INF = 1.0 / (2.0 * Math.log(2.0));

    private HllEstimator() {}

    /**
     * The cardinality estimate from a register histogram: {@code histogram[k]} registers hold value k, for k in [0, q +
     * 1] with q = 64 - p.
     */
    static double estimate(int precision, int[] histogram) {
        int m = 1 << precision;
        int q = 64 - precision;
        double z = m * tau(1.0 - (double) histogram[q + 1] / m);
        for (int k = q; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma((double) histogram[0] / m);
        return ALPHA_INF * m * m / z;
    }

    /** sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1); infinite at 1 (all registers empty, estimate 0). */
    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1.0;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (z != previous);
        return z;
    }

    /** tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3. */
    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1.0 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            double d = 1.0 - x;
            z -= d * d * y;
        } while (z != previous);
        return z / 3.0;
    }
}
