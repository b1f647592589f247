package org.causalheads.attention;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.causalheads.dag.Dag;
import org.causalheads.info.InfoTables;
import org.causalheads.info.Objective;

/**
 * The earlier implementation of {@link AttentionAscent}'s gradient ascent, kept unchanged as the reference
 * that tests and the {@code bench} command compare the faster loop against: same objective, same
 * stopping rule, same history. One fused scalar pass per attention row (update, normalisation sums,
 * stopping check) followed by a normalisation pass.
 */
public final class ReferenceTrainer {

    private final AscentConfig config;

    public ReferenceTrainer(AscentConfig config) {
        this.config = config;
    }

    /** A reference trainer with {@link AscentConfig#defaults()}. */
    public static ReferenceTrainer defaults() {
        return new ReferenceTrainer(AscentConfig.defaults());
    }

    public AscentConfig config() {
        return config;
    }

    /** Trains on an objective's value tables for the true DAG {@code dag} (which fixes roots and parents). */
    public AscentResult train(InfoTables tables, Objective objective, Dag dag) {
        return train(tables.values(objective), dag);
    }

    /**
     * Trains on value tables {@code values[l][i][j]} ({@code K×T×T}, entries {@code j < i} used).
     *
     * @throws IllegalArgumentException if the tables are not {@code K×T×T} with finite entries below
     *                                  the diagonal, or do not match the DAG
     */
    public AscentResult train(double[][][] values, Dag dag) {
        int k = values.length;
        if (k < 1) {
            throw new IllegalArgumentException("no heads: values has 0 tables; expected K >= 1");
        }
        int t = dag.size();
        double[][][] v = new double[k][t][];
        for (int l = 0; l < k; l++) {
            if (values[l].length != t) {
                throw new IllegalArgumentException("values[" + l + "] has " + values[l].length + " rows; expected T = " + t);
            }
            for (int i = 0; i < t; i++) {
                if (values[l][i].length < i) {
                    throw new IllegalArgumentException("values[" + l + "][" + i + "] has length " + values[l][i].length
                            + "; expected at least " + i);
                }
                v[l][i] = java.util.Arrays.copyOf(values[l][i], i);
                for (int j = 0; j < i; j++) {
                    if (!Double.isFinite(v[l][i][j])) {
                        throw new IllegalArgumentException("values[" + l + "][" + i + "][" + j + "] = " + v[l][i][j]
                                + "; expected a finite value");
                    }
                }
            }
        }
        for (int i = 0; i < t; i++) {
            if (!dag.isRoot(i) && dag.inDegree(i) != k) {
                throw new IllegalArgumentException("node " + i + " has " + dag.inDegree(i) + " parents but there are "
                        + k + " heads; expected one head per parent slot");
            }
        }
        return new Loop(v, dag, config).run();
    }

    /**
     * {@code e^x}: a degree-5 Taylor polynomial for {@code |x| <= 0.01} (relative error below
     * {@code 1.4e-15}, i.e. at double precision), {@link Math#exp} otherwise. Attention steps are
     * small ({@code |x| <= η/T · max|V - m|}), so the polynomial covers nearly every call.
     */
    static double exp(double x) {
        return Math.abs(x) <= 0.01 ? poly(x) : Math.exp(x);
    }

    private static double poly(double x) {
        return 1 + x * (1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120)))));
    }

    /** The mutable state of one run. */
    private static final class Loop {
        final double[][][] v;
        final double[][][] a;
        final int k, t;
        final boolean[] qualifies;
        final int[][] parent; // [i][l], -1 for roots
        final AscentConfig cfg;
        final double threshold;
        double[] obj = new double[1024];
        final float[][][] rec;
        final int[] recEpoch = new int[History.MAX_RECORDS];
        int recCount = 0, stride, nextRecord = 0;
        final Set<Integer> snapAt;
        final Map<Integer, Attention> snaps = new HashMap<>();

        Loop(double[][][] v, Dag dag, AscentConfig cfg) {
            this.v = v;
            this.cfg = cfg;
            this.k = v.length;
            this.t = dag.size();
            this.a = new double[k][t][];
            for (int l = 0; l < k; l++) {
                for (int i = 0; i < t; i++) {
                    a[l][i] = new double[i];
                    java.util.Arrays.fill(a[l][i], 1.0 / Math.max(i, 1));
                }
            }
            qualifies = new boolean[t];
            parent = new int[t][k];
            for (int i = 0; i < t; i++) {
                qualifies[i] = !dag.isRoot(i) && i >= 2;
                for (int l = 0; l < k; l++) {
                    parent[i][l] = dag.isRoot(i) ? -1 : dag.parent(i, l);
                }
            }
            threshold = 1 - cfg.epsAttn();
            rec = new float[History.MAX_RECORDS][t][k];
            stride = cfg.historyStride();
            snapAt = new HashSet<>(cfg.snapshotEpochs());
        }

        AscentResult run() {
            OptionalInt stop = OptionalInt.empty();
            int e = 0;
            record(0);
            if (snapAt.contains(0)) {
                snaps.put(0, Attention.copyOf(a));
            }
            if (satisfied()) {
                stop = OptionalInt.of(0);
            }
            double c = cfg.eta() / t;
            double[][] mrow = new double[k][t];
            double[][] range = new double[k][t]; // max_j V - min_j V per row bounds |V_j - m|
            for (int l = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < i; j++) {
                        lo = Math.min(lo, v[l][i][j]);
                        hi = Math.max(hi, v[l][i][j]);
                    }
                    range[l][i] = hi - lo;
                }
            }
            for (int l = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    double m = 0;
                    for (int j = 0; j < i; j++) {
                        m += a[l][i][j] * v[l][i][j];
                    }
                    mrow[l][i] = m;
                }
            }
            while (e < cfg.maxEpochs() && !(stop.isPresent() && cfg.stopEarly())) {
                boolean sat = true;
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    double[][] al = a[l], vl = v[l];
                    double[] ml = mrow[l];
                    for (int i = 1; i < t; i++) {
                        double[] ar = al[i], vr = vl[i];
                        double m = ml[i];
                        sum += m;
                        // multiplicative form of softmax(Q + η∇L): a_j <- a_j exp(x_j) / Z
                        double z, wv, wmax;
                        if (c * range[l][i] <= 0.01) { // every step is small: branch-free polynomial
                            double z0 = 0, z1 = 0, u0 = 0, u1 = 0, x0 = 0, x1 = 0;
                            int j = 0;
                            for (; j + 1 < i; j += 2) {
                                double a0 = ar[j], a1 = ar[j + 1];
                                double w0 = a0 * poly(c * a0 * (vr[j] - m));
                                double w1 = a1 * poly(c * a1 * (vr[j + 1] - m));
                                ar[j] = w0;
                                ar[j + 1] = w1;
                                z0 += w0;
                                z1 += w1;
                                u0 += w0 * vr[j];
                                u1 += w1 * vr[j + 1];
                                x0 = Math.max(x0, w0);
                                x1 = Math.max(x1, w1);
                            }
                            if (j < i) {
                                double a0 = ar[j];
                                double w0 = a0 * poly(c * a0 * (vr[j] - m));
                                ar[j] = w0;
                                z0 += w0;
                                u0 += w0 * vr[j];
                                x0 = Math.max(x0, w0);
                            }
                            z = z0 + z1;
                            wv = u0 + u1;
                            wmax = Math.max(x0, x1);
                        } else {
                            z = 0;
                            wv = 0;
                            wmax = 0;
                            for (int j = 0; j < i; j++) {
                                double aj = ar[j];
                                double w = aj * exp(c * aj * (vr[j] - m));
                                ar[j] = w;
                                z += w;
                                wv += w * vr[j];
                                wmax = Math.max(wmax, w);
                            }
                        }
                        double inv = 1 / z;
                        for (int j = 0; j < i; j++) {
                            ar[j] *= inv;
                        }
                        ml[i] = wv * inv;
                        if (qualifies[i] && wmax * inv < threshold) {
                            sat = false;
                        }
                    }
                }
                setObjective(e, sum / t);
                e++;
                if (e >= nextRecord) {
                    record(e);
                }
                if (snapAt.contains(e)) {
                    snaps.put(e, Attention.copyOf(a));
                }
                if (sat && stop.isEmpty()) {
                    stop = OptionalInt.of(e);
                }
            }
            setObjective(e, currentObjective());
            if (recCount == 0 || recEpoch[recCount - 1] != e) {
                record(e);
            }
            Attention last = Attention.copyOf(a);
            snaps.put(e, last);
            float[][][] r = java.util.Arrays.copyOf(rec, recCount);
            History h = new History(java.util.Arrays.copyOf(obj, e + 1),
                    java.util.Arrays.copyOf(recEpoch, recCount), r, snaps);
            return new AscentResult(stop, e, last, h, cfg);
        }

        private boolean satisfied() {
            for (int i = 0; i < t; i++) {
                if (!qualifies[i]) {
                    continue;
                }
                for (int l = 0; l < k; l++) {
                    double m = 0;
                    for (double x : a[l][i]) {
                        m = Math.max(m, x);
                    }
                    if (m < threshold) {
                        return false;
                    }
                }
            }
            return true;
        }

        private double currentObjective() {
            double s = 0;
            for (int l = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    for (int j = 0; j < i; j++) {
                        s += a[l][i][j] * v[l][i][j];
                    }
                }
            }
            return s / t;
        }

        private void setObjective(int e, double value) {
            if (e >= obj.length) {
                obj = java.util.Arrays.copyOf(obj, Math.max(obj.length * 2, e + 1));
            }
            obj[e] = value;
        }

        private void record(int e) {
            if (recCount == History.MAX_RECORDS) { // thin: keep every other record, double the stride
                int w = 0;
                for (int r = 0; r < recCount; r += 2) {
                    float[][] tmp = rec[w];
                    rec[w] = rec[r];
                    rec[r] = tmp;
                    recEpoch[w] = recEpoch[r];
                    w++;
                }
                recCount = w;
                stride *= 2;
            }
            float[][] row = rec[recCount];
            for (int i = 0; i < t; i++) {
                for (int l = 0; l < k; l++) {
                    int p = parent[i][l];
                    row[i][l] = p < 0 ? Float.NaN : (float) a[l][i][p];
                }
            }
            recEpoch[recCount++] = e;
            nextRecord = recEpoch[0] + ((e - recEpoch[0]) / stride + 1) * stride;
        }
    }
}
