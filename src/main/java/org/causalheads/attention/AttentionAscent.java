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
 * Gradient ascent on the reduced K-head attention objective
 * {@code L(Q) = (1/T) Σ_i Σ_l Σ_{j<i} a^l_{ij} V^l_{ij}} from zero logits (uniform attention):
 * {@code Q ← Q + η ∇L} with {@code ∂L/∂Q^l_{ij} = (1/T) a^l_{ij} (V^l_{ij} - Σ_k a^l_{ik} V^l_{ik})}.
 *
 * <p>Stopping rule: the first epoch at which every head of every non-root node with at least two
 * candidates has {@code max_j a^l_{ij} ≥ 1 - ε_attn}. If that never happens within
 * {@code maxEpochs}, the run reports no stopping epoch.
 *
 * <p>Cost {@code O(K T²)} per epoch; no allocation per epoch. An element-wise pass (gradient,
 * multiplicative softmax update) that the JIT compiles to SIMD, over a whole head at once when
 * every row's steps are small, then per row a pass for the sums (normaliser, objective); for such
 * heads the stopping check reads each row's largest weight from its last scan and scans a row
 * only when that weight fails, and only while the epoch is still undecided. The normalisation {@code a ← w / Z} is not
 * written back: the row keeps {@code w} and {@code 1/Z}, and the next epoch multiplies as it reads,
 * which gives the same doubles as normalising in place. Every operation and every sum's order is
 * that of {@link ReferenceTrainer}, so both produce bit-identical attention.
 */
public final class AttentionAscent {

    private final AscentConfig config;

    public AttentionAscent(AscentConfig config) {
        this.config = config;
    }

    /** A trainer with {@link AscentConfig#defaults()}. */
    public static AttentionAscent defaults() {
        return new AttentionAscent(AscentConfig.defaults());
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

    /**
     * The mutable state of one run. Each head's rows lie end to end in one array (row {@code i} at
     * {@code off(i) = i(i-1)/2}), unnormalised: the attention is {@code w[l][off(i)+j] · inv[l][i]}.
     */
    private static final class Loop {
        final double[][] vf; // [l][off(i)+j]
        final double[][] w;
        final double[][] inv;
        final int k, t, len;
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
        final double c; // η / T
        final double[][] mrow, spread, amax; // [l][i]: row mean of V under the attention, widened range of V, max weight
        final boolean[][] small; // c (max_j V - min_j V) <= 0.01: every step |x| <= 0.01
        final boolean[] allSmall;
        final int[][] argmax; // [l][i]: the row's largest weight at its last scan (heads of the one-pass update)
        final double[][] mb, ib; // per-element copies of each row's mean and 1/Z, for heads updated in one pass
        boolean sat;

        Loop(double[][][] v, Dag dag, AscentConfig cfg) {
            this.cfg = cfg;
            this.k = v.length;
            this.t = dag.size();
            this.len = t * (t - 1) / 2;
            this.vf = new double[k][len];
            this.w = new double[k][len];
            this.inv = new double[k][t];
            for (int l = 0; l < k; l++) {
                for (int i = 0; i < t; i++) {
                    int off = off(i);
                    System.arraycopy(v[l][i], 0, vf[l], off, i);
                    java.util.Arrays.fill(w[l], off, off + i, 1.0 / Math.max(i, 1));
                    inv[l][i] = 1;
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
            c = cfg.eta() / t;
            mrow = new double[k][t];
            spread = new double[k][t];
            amax = new double[k][t];
            small = new boolean[k][t];
            allSmall = new boolean[k];
            mb = new double[k][];
            argmax = new int[k][t];
            ib = new double[k][];
        }

        static int off(int i) {
            return i * (i - 1) / 2;
        }

        AscentResult run() {
            OptionalInt stop = OptionalInt.empty();
            int e = 0;
            record(0);
            if (snapAt.contains(0)) {
                snaps.put(0, new Attention(normalised()));
            }
            if (satisfied()) {
                stop = OptionalInt.of(0);
            }
            // |V_j - m| <= spread: the range of V, widened by far more than the rounding of m
            for (int l = 0; l < k; l++) {
                allSmall[l] = true;
                for (int i = 1; i < t; i++) {
                    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < i; j++) {
                        lo = Math.min(lo, vf[l][off(i) + j]);
                        hi = Math.max(hi, vf[l][off(i) + j]);
                    }
                    small[l][i] = c * (hi - lo) <= 0.01;
                    spread[l][i] = (hi - lo) * (1 + 1e-9) + 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
                    amax[l][i] = 1.0 / i;
                    allSmall[l] &= small[l][i];
                }
            }
            // per-element copies of each row's mean m and 1/Z, for the one-pass update of a head
            for (int l = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    double m = 0;
                    for (int j = 0; j < i; j++) {
                        m += w[l][off(i) + j] * vf[l][off(i) + j];
                    }
                    mrow[l][i] = m;
                }
                if (allSmall[l]) {
                    mb[l] = new double[len];
                    ib[l] = new double[len];
                    for (int i = 1; i < t; i++) {
                        java.util.Arrays.fill(mb[l], off(i), off(i) + i, mrow[l][i]);
                        java.util.Arrays.fill(ib[l], off(i), off(i) + i, 1.0);
                    }
                }
            }
            while (e < cfg.maxEpochs() && !(stop.isPresent() && cfg.stopEarly())) {
                sat = true;
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum = allSmall[l] ? stepSmallHead(l, c, sum) : stepHead(l, c, sum);
                }
                setObjective(e, sum / t);
                e++;
                if (e >= nextRecord) {
                    record(e);
                }
                if (!snapAt.isEmpty() && snapAt.contains(e)) {
                    snaps.put(e, new Attention(normalised()));
                }
                if (sat && stop.isEmpty()) {
                    stop = OptionalInt.of(e);
                }
            }
            double[][][] a = normalised();
            setObjective(e, objective(a));
            if (recCount == 0 || recEpoch[recCount - 1] != e) {
                record(e);
            }
            Attention last = new Attention(a);
            snaps.put(e, last);
            float[][][] r = java.util.Arrays.copyOf(rec, recCount);
            History h = new History(java.util.Arrays.copyOf(obj, e + 1),
                    java.util.Arrays.copyOf(recEpoch, recCount), r, snaps);
            return new AscentResult(stop, e, last, h, cfg);
        }

        /** The attention {@code w · inv} as rows {@code [l][i][j]}, a new array. */
        private double[][][] normalised() {
            double[][][] c = new double[k][t][];
            for (int l = 0; l < k; l++) {
                for (int i = 0; i < t; i++) {
                    double[] r = new double[i];
                    double in = inv[l][i];
                    for (int j = 0; j < i; j++) {
                        r[j] = w[l][off(i) + j] * in;
                    }
                    c[l][i] = r;
                }
            }
            return c;
        }

        /**
         * One epoch of head {@code l} when every row's steps are small: the element-wise update of
         * the whole head, compiled to SIMD, then per row the sums in the order of {@link #stepHead}
         * (even {@code j} and odd {@code j} apart, each in order of {@code j}). The largest weight is
         * not tracked along the sums: see {@link #checkRow}.
         */
        private double stepSmallHead(int l, double c, double sum) {
            double[] wl = w[l], vl = vf[l], mbl = mb[l], ibl = ib[l], ml = mrow[l];
            for (int q = 0; q < len; q++) { // element-wise: compiled to SIMD
                double a0 = wl[q] * ibl[q];
                wl[q] = a0 * poly(c * a0 * (vl[q] - mbl[q]));
            }
            for (int i = 1; i < t; i++) {
                sum += ml[i];
                int o = off(i), end = o + i;
                double z0 = 0, z1 = 0, u0 = 0, u1 = 0;
                int q = o;
                for (; q + 1 < end; q += 2) {
                    double w0 = wl[q], w1 = wl[q + 1];
                    z0 += w0;
                    z1 += w1;
                    u0 += w0 * vl[q];
                    u1 += w1 * vl[q + 1];
                }
                if (q < end) {
                    z0 += wl[q];
                    u0 += wl[q] * vl[q];
                }
                finishRow(l, i, o, z0 + z1, u0 + u1);
            }
            return sum;
        }

        /** Stores row {@code i}'s {@code 1/Z} and mean, with their per-element copies, and checks the row. */
        private void finishRow(int l, int i, int o, double z, double wv) {
            double in = 1 / z;
            double m = wv * in;
            inv[l][i] = in;
            mrow[l][i] = m;
            java.util.Arrays.fill(ib[l], o, o + i, in);
            java.util.Arrays.fill(mb[l], o, o + i, m);
            if (sat && qualifies[i]) {
                checkRow(l, i, o, in);
            }
        }

        /**
         * Clears {@link #sat} if row {@code i} of head {@code l} (weights from {@code o}, normaliser
         * {@code in}) has {@code max_j w_j · in < 1 - ε_attn}. The weight that was largest when the
         * row was last scanned is tried first: if it passes, so does the largest (rounding is
         * monotone), and the row is not scanned. Rows are checked only while every earlier row has
         * passed, since one failing row decides the epoch. (Heads on this path never read
         * {@link #amax}.)
         */
        private void checkRow(int l, int i, int o, double in) {
            double[] wl = w[l];
            if (wl[o + argmax[l][i]] * in >= threshold) {
                return;
            }
            double x = 0;
            int arg = 0;
            for (int j = 0; j < i; j++) {
                if (wl[o + j] > x) {
                    x = wl[o + j];
                    arg = j;
                }
            }
            argmax[l][i] = arg;
            if (x * in < threshold) {
                sat = false;
            }
        }

        /**
         * One epoch of head {@code l}: updates its rows, clears {@link #sat} if a qualifying row is
         * not yet concentrated, and returns {@code sum} plus the head's row means (in row order).
         */
        private double stepHead(int l, double c, double sum) {
        double[] wl = w[l], vl = vf[l], ml = mrow[l], il = inv[l];
        for (int i = 1; i < t; i++) {
            int o = off(i), end = o + i;
            double m = ml[i], ip = il[i];
            sum += m;
            // multiplicative form of softmax(Q + η∇L): a_j <- a_j exp(x_j) / Z, with a_j = w_j * ip
            double z, wv, wmax;
            if (small[l][i]) { // every step is small: the polynomial
                for (int q = o; q < end; q++) { // element-wise: compiled to SIMD
                    double a0 = wl[q] * ip;
                    wl[q] = a0 * poly(c * a0 * (vl[q] - m));
                }
                // the sums, even j and odd j apart (the order fixes the rounding)
                double z0 = 0, z1 = 0, u0 = 0, u1 = 0, x0 = 0, x1 = 0;
                int q = o;
                for (; q + 1 < end; q += 2) {
                    double w0 = wl[q], w1 = wl[q + 1];
                    z0 += w0;
                    z1 += w1;
                    u0 += w0 * vl[q];
                    u1 += w1 * vl[q + 1];
                    x0 = w0 > x0 ? w0 : x0;
                    x1 = w1 > x1 ? w1 : x1;
                }
                if (q < end) {
                    double w0 = wl[q];
                    z0 += w0;
                    u0 += w0 * vl[q];
                    x0 = w0 > x0 ? w0 : x0;
                }
                z = z0 + z1;
                wv = u0 + u1;
                wmax = x0 > x1 ? x0 : x1;
            } else if (c * spread[l][i] * amax[l][i] <= 0.01) {
                // large steps are possible, but not with this row's weights: every |x_j| <= 0.01,
                // so exp(x_j) is the polynomial and the update is element-wise
                for (int q = o; q < end; q++) {
                    double a0 = wl[q] * ip;
                    wl[q] = a0 * poly(c * a0 * (vl[q] - m));
                }
                z = 0;
                wv = 0;
                wmax = 0;
                for (int q = o; q < end; q++) {
                    double wq = wl[q];
                    z += wq;
                    wv += wq * vl[q];
                    wmax = wq > wmax ? wq : wmax;
                }
            } else {
                z = 0;
                wv = 0;
                wmax = 0;
                for (int q = o; q < end; q++) {
                    double aj = wl[q] * ip;
                    double wq = aj * exp(c * aj * (vl[q] - m));
                    wl[q] = wq;
                    z += wq;
                    wv += wq * vl[q];
                    wmax = wq > wmax ? wq : wmax;
                }
            }
            double in = 1 / z;
            il[i] = in; // applied when the row is next read
            ml[i] = wv * in;
            amax[l][i] = wmax * in;
            if (qualifies[i] && wmax * in < threshold) {
                sat = false;
            }
        }
            return sum;
        }

        private boolean satisfied() {
            double[][][] a = normalised();
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

        private double objective(double[][][] a) {
            double s = 0;
            for (int l = 0; l < k; l++) {
                for (int i = 1; i < t; i++) {
                    for (int j = 0; j < i; j++) {
                        s += a[l][i][j] * vf[l][off(i) + j];
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
                    row[i][l] = p < 0 ? Float.NaN : (float) (w[l][off(i) + p] * inv[l][i]);
                }
            }
            recEpoch[recCount++] = e;
            nextRecord = recEpoch[0] + ((e - recEpoch[0]) / stride + 1) * stride;
        }
    }
}
