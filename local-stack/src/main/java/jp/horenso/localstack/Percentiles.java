package jp.horenso.localstack;

import java.util.List;

/** Nearest-rank percentiles, as every benchmark of the repository reports them (bench/, incident-service/bench/). */
public final class Percentiles {

    private Percentiles() {}

    /** The nearest-rank {@code p}-th percentile of ascending values; NaN when there are none. */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[rank(sorted.length, p)];
    }

    /** The nearest-rank {@code p}-th percentile of ascending values; fails when there are none. */
    public static long of(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        return sorted.get(rank(sorted.size(), p));
    }

    private static int rank(int n, double p) {
        int rank = (int) Math.ceil(p / 100.0 * n);
        return Math.max(0, Math.min(n - 1, rank - 1));
    }
}
