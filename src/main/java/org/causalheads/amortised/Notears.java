package org.causalheads.amortised;

import org.causalheads.numeric.Statistics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Linear NOTEARS (Zheng, Aragam, Ravikumar, Xing 2018), the per-task baseline: for data
 * {@code X ∈ R^{n×d}},
 * <pre>
 *   min_W  F(W) + λ1 |W|_1   subject to   h(W) = tr(exp(W∘W)) − d = 0,
 *   F(W) = (1/2n) ||X − X W||²_F = ½ tr((I − W)ᵀ S (I − W)),   S = XᵀX / n,
 * </pre>
 * where {@link #fit} first centres every column of {@code X} (subtracts its mean), as the original
 * implementation does for its least-squares loss: a linear SEM without intercepts fits centred
 * data, and without centring a constant offset in a column acts as a shared cause of everything
 * and turns into spurious edges. So {@code S} is the sample covariance (divided by {@code n}), and
 * the fitted graph does not change when constants are added to the columns.
 * solved by the augmented Lagrangian of NOTEARS: with {@code ρ = 1, α = 0}, repeatedly minimise
 * {@code F(W) + (ρ/2) h(W)² + α h(W) + λ1|W|_1} from the previous {@code W}, multiplying
 * {@code ρ} by 10 until {@code h} has fallen below a quarter of its previous value, then set
 * {@code α ← α + ρ h}; stop once {@code h <= hTol} or {@code ρ >= ρ_max}. The smooth part has
 * gradient {@code S W − S + (ρ h + α) ∇h(W)} ({@link Acyclicity}).
 *
 * <p>Inner solver (our choice; NOTEARS itself uses L-BFGS-B on {@code W = W⁺ − W⁻}):
 * accelerated proximal gradient (FISTA) with backtracking on the step, soft-thresholding for the
 * {@code λ1|W|_1} term, restarts when the objective rises, and the diagonal held at 0. The
 * returned weights are the raw solution; {@link NotearsResult#thresholded} applies NOTEARS'
 * {@code |W| > 0.3} rule.
 */
public final class Notears {

    /**
     * Settings of a fit.
     *
     * @param lambda1       ℓ1 weight (NOTEARS' linear experiments use 0.1)
     * @param hTol          stop once {@code h(W) <= hTol}
     * @param rhoMax        stop once {@code ρ >= rhoMax}
     * @param maxOuter      cap on the dual ({@code α}) updates
     * @param maxInner      cap on proximal-gradient steps per subproblem
     * @param innerTol      a subproblem ends when no entry of {@code W} moves by more than this
     */
    public record Config(double lambda1, double hTol, double rhoMax, int maxOuter, int maxInner, double innerTol) {

        public Config {
            if (!(lambda1 >= 0) || Double.isInfinite(lambda1)) {
                throw new IllegalArgumentException("lambda1 = " + lambda1 + "; expected a finite value >= 0");
            }
            if (!(hTol > 0)) {
                throw new IllegalArgumentException("hTol = " + hTol + "; expected > 0");
            }
            if (!(rhoMax > 1)) {
                throw new IllegalArgumentException("rhoMax = " + rhoMax + "; expected > 1");
            }
            if (maxOuter < 1 || maxInner < 1) {
                throw new IllegalArgumentException("maxOuter = " + maxOuter + ", maxInner = " + maxInner + "; expected both >= 1");
            }
            if (!(innerTol > 0)) {
                throw new IllegalArgumentException("innerTol = " + innerTol + "; expected > 0");
            }
        }

        /** NOTEARS' ℓ1 weight for the linear model. */
        public static final double DEFAULT_LAMBDA1 = 0.1;
        /** NOTEARS' {@code h_tol}. */
        public static final double DEFAULT_H_TOL = 1e-8;
        /** NOTEARS' {@code ρ_max}. */
        public static final double DEFAULT_RHO_MAX = 1e16;
        /** Default cap on the dual updates. */
        public static final int DEFAULT_MAX_OUTER = 100;
        /** Default cap on proximal-gradient steps per subproblem. */
        public static final int DEFAULT_MAX_INNER = 2000;
        /** Default subproblem tolerance. */
        public static final double DEFAULT_INNER_TOL = 1e-7;

        /** NOTEARS' defaults for the linear model ({@code λ1 = 0.1, h_tol = 1e-8, ρ_max = 1e16}). */
        public static Config defaults() {
            return new Config(DEFAULT_LAMBDA1, DEFAULT_H_TOL, DEFAULT_RHO_MAX, DEFAULT_MAX_OUTER, DEFAULT_MAX_INNER, DEFAULT_INNER_TOL);
        }

        /** This configuration with another ℓ1 weight. */
        public Config withLambda1(double l) {
            return new Config(l, hTol, rhoMax, maxOuter, maxInner, innerTol);
        }

        /** This configuration with another {@code h_tol}. */
        public Config withHTol(double h) {
            return new Config(lambda1, h, rhoMax, maxOuter, maxInner, innerTol);
        }

        /** This configuration with another {@code ρ_max}. */
        public Config withRhoMax(double r) {
            return new Config(lambda1, hTol, r, maxOuter, maxInner, innerTol);
        }

        /** This configuration with another cap on the dual updates. */
        public Config withMaxOuter(int m) {
            return new Config(lambda1, hTol, rhoMax, m, maxInner, innerTol);
        }

        /** This configuration with another cap on the steps per subproblem. */
        public Config withMaxInner(int m) {
            return new Config(lambda1, hTol, rhoMax, maxOuter, m, innerTol);
        }

        /** This configuration with another subproblem tolerance. */
        public Config withInnerTol(double t) {
            return new Config(lambda1, hTol, rhoMax, maxOuter, maxInner, t);
        }
    }

    /** NOTEARS' edge threshold on {@code |W|}. */
    public static final double THRESHOLD = 0.3;

    private Notears() {
    }

    /**
     * The covariance matrix {@code S = X_cᵀX_c / n} of data {@code x} ({@code n × d}), with
     * {@code X_c} the data with every column's mean subtracted: what {@link #fit} minimises over.
     */
    public static DMatrixRMaj centredMoments(DMatrixRMaj x) {
        return Statistics.populationCovariance(x);
    }

    /** The second-moment matrix {@code S = XᵀX / n} of data {@code x} ({@code n × d}), not centred. */
    public static DMatrixRMaj secondMoments(DMatrixRMaj x) {
        if (x.numRows < 1 || x.numCols < 1) {
            throw new IllegalArgumentException("data must have at least one row and column, got " + x.numRows + "x" + x.numCols);
        }
        DMatrixRMaj s = new DMatrixRMaj(x.numCols, x.numCols);
        CommonOps_DDRM.multTransA(x, x, s);
        CommonOps_DDRM.scale(1.0 / x.numRows, s);
        return s;
    }

    /** The least-squares loss {@code F(W) = ½ tr((I − W)ᵀ S (I − W))}. */
    public static double loss(DMatrixRMaj s, DMatrixRMaj w) {
        int d = s.numRows;
        DMatrixRMaj r = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.subtractEquals(r, w);
        DMatrixRMaj sr = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s, r, sr);
        return 0.5 * inner(r, sr);
    }

    /**
     * The augmented-Lagrangian objective {@code F(W) + (ρ/2)h² + αh + λ1|W|_1} and, into {@code grad}
     * if it is not {@code null}, its gradient {@code S W − S + (ρh + α)∇h(W) + λ1 sign(W)} (the
     * ℓ1 part is the derivative wherever no entry is 0).
     */
    public static double objective(DMatrixRMaj s, DMatrixRMaj w, double rho, double alpha, double lambda1, DMatrixRMaj grad) {
        double smooth = smooth(s, w, rho, alpha, grad);
        double l1 = 0;
        for (int k = 0; k < w.data.length; k++) {
            l1 += Math.abs(w.data[k]);
            if (grad != null) {
                grad.data[k] += lambda1 * Math.signum(w.data[k]);
            }
        }
        return smooth + lambda1 * l1;
    }

    /** The smooth part {@code F + (ρ/2)h² + αh}, its gradient into {@code grad} unless {@code null}. */
    static double smooth(DMatrixRMaj s, DMatrixRMaj w, double rho, double alpha, DMatrixRMaj grad) {
        int d = s.numRows;
        Acyclicity ac = Acyclicity.of(w);
        double h = ac.h();
        DMatrixRMaj r = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.subtractEquals(r, w);
        DMatrixRMaj sr = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s, r, sr);
        double f = 0.5 * inner(r, sr);
        if (grad != null) {
            double c = rho * h + alpha;
            for (int k = 0; k < grad.data.length; k++) {
                grad.data[k] = -sr.data[k] + c * ac.gradient().data[k];
            }
        }
        return f + 0.5 * rho * h * h + alpha * h;
    }

    /** {@link #fit(DMatrixRMaj, Config)} with {@link Config#defaults()}. */
    public static NotearsResult fit(DMatrixRMaj x) {
        return fit(x, Config.defaults());
    }

    /**
     * Fits NOTEARS to data {@code x} ({@code n × d}, one sample a row), columns centred first.
     *
     * @throws IllegalArgumentException if {@code x} is empty or has a non-finite entry
     */
    public static NotearsResult fit(DMatrixRMaj x, Config cfg) {
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("data contain a non-finite value " + v);
            }
        }
        return fitMoments(centredMoments(x), cfg);
    }

    /**
     * Fits NOTEARS given only {@code S} (the loss depends on the data through it alone); pass
     * {@link #centredMoments} to fit as {@link #fit} does.
     */
    public static NotearsResult fitMoments(DMatrixRMaj s, Config cfg) {
        int d = s.numRows;
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        double rho = 1, alpha = 0, h = Double.POSITIVE_INFINITY;
        int outer = 0, inner = 0;
        double[] lip = {1.0};
        for (; outer < cfg.maxOuter(); outer++) {
            DMatrixRMaj wNew = w;
            double hNew = h;
            while (rho < cfg.rhoMax()) {
                int[] steps = {0};
                wNew = solveSubproblem(s, w, rho, alpha, cfg, lip, steps);
                inner += steps[0];
                hNew = Acyclicity.value(wNew);
                if (hNew > 0.25 * h) {
                    rho *= 10;
                } else {
                    break;
                }
            }
            w = wNew;
            h = hNew;
            alpha += rho * h;
            if (h <= cfg.hTol() || rho >= cfg.rhoMax()) {
                outer++;
                break;
            }
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = w.unsafe_get(i, j);
            }
        }
        return new NotearsResult(out, h, rho, outer, inner);
    }

    /** FISTA on {@code smooth + λ1|W|_1} from {@code w0}; {@code lip[0]} carries the step's inverse between calls. */
    private static DMatrixRMaj solveSubproblem(DMatrixRMaj s, DMatrixRMaj w0, double rho, double alpha, Config cfg,
                                               double[] lip, int[] steps) {
        int d = s.numRows;
        int len = d * d;
        double lam = cfg.lambda1();
        DMatrixRMaj w = w0.copy();
        DMatrixRMaj y = w0.copy();
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        DMatrixRMaj cand = new DMatrixRMaj(d, d);
        double t = 1;
        double fw = smooth(s, w, rho, alpha, null) + lam * l1(w);
        double L = Math.max(1e-3, lip[0] / 4);
        for (int it = 0; it < cfg.maxInner(); it++) {
            steps[0]++;
            double fy = smooth(s, y, rho, alpha, g);
            double fc;
            while (true) {
                for (int k = 0; k < len; k++) {
                    double z = y.data[k] - g.data[k] / L;
                    double thr = lam / L;
                    cand.data[k] = z > thr ? z - thr : (z < -thr ? z + thr : 0.0);
                }
                for (int i = 0; i < d; i++) {
                    cand.unsafe_set(i, i, 0.0);
                }
                double quad = fy;
                for (int k = 0; k < len; k++) {
                    double diff = cand.data[k] - y.data[k];
                    quad += g.data[k] * diff + 0.5 * L * diff * diff;
                }
                fc = smooth(s, cand, rho, alpha, null);
                if (fc <= quad + 1e-12 * Math.abs(quad) || L > 1e30) {
                    break;
                }
                L *= 2;
            }
            double fcTotal = fc + lam * l1(cand);
            double moved = 0;
            for (int k = 0; k < len; k++) {
                moved = Math.max(moved, Math.abs(cand.data[k] - w.data[k]));
            }
            if (fcTotal > fw) {
                // restart the momentum from the current iterate
                t = 1;
                y.setTo(w);
                if (moved <= cfg.innerTol()) {
                    break;
                }
                continue;
            }
            double tNext = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
            double beta = (t - 1) / tNext;
            for (int k = 0; k < len; k++) {
                y.data[k] = cand.data[k] + beta * (cand.data[k] - w.data[k]);
            }
            DMatrixRMaj tmp = w;
            w = cand;
            cand = tmp;
            fw = fcTotal;
            t = tNext;
            if (moved <= cfg.innerTol()) {
                break;
            }
        }
        lip[0] = L;
        return w;
    }

    /** {@code Σ_k a_k b_k}, the Frobenius inner product {@code tr(aᵀ b)}. */
    static double inner(DMatrixRMaj a, DMatrixRMaj b) {
        double v = 0;
        for (int k = 0; k < a.data.length; k++) {
            v += a.data[k] * b.data[k];
        }
        return v;
    }

    private static double l1(DMatrixRMaj w) {
        double a = 0;
        for (double v : w.data) {
            a += Math.abs(v);
        }
        return a;
    }
}
