package org.causalheads.amortised;

import org.causalheads.numeric.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * An ADAG-style amortised map from a data matrix {@code X} ({@code n × d}) to a weighted
 * adjacency {@code Â(X) ∈ R^{d×d}} (a reconstruction; see the package documentation).
 *
 * <p><b>Tokens are variables.</b> Token {@code i} is {@code t_i = [C_{i·}, R_{i·}, e_i] ∈ R^{2d+p}}:
 * row {@code i} of the correlations and of the ridge partial correlations ({@link Moments}, both
 * averages over samples, so any {@code n} works) and a learned embedding {@code e_i ∈ R^p} of
 * variable {@code i}, which can carry what the training domains share.
 *
 * <p><b>One attention layer with sigmoid scores.</b> {@code q_i = W_Q t_i}, {@code k_j = W_K t_j}
 * ({@code W_Q, W_K ∈ R^{m×(2d+p)}}) and
 * <pre>
 *   s_ij = q_i·k_j / √m + u_1 |C_ij| + u_2 |R_ij| + u_3 (log S_jj − log S_ii) + c,
 *   g_ij = σ(s_ij) (i ≠ j),  g_ii = 0,
 * </pre>
 * a bilinear score between tokens plus a pairwise bias from statistics of the pair. The last
 * feature compares the two variables' scales: with equal noise variances a variable's variance
 * tends to grow along the causal order ("varsortability", Reisach, Seiler and Weichwald 2021),
 * which least-squares methods such as NOTEARS also exploit, implicitly.
 * {@code g_ij ∈ (0,1)} is the gate of the edge {@code i -> j}.
 *
 * <p><b>Weights by a gated ridge regression.</b> Column {@code j} of {@code Â} regresses variable
 * {@code j} on the gated candidates, in closed form: with {@code D = diag(g_{·j})},
 * <pre>
 *   b = (D S D + (γ/n) I)⁻¹ D S_{·j},     Â_{·j} = D b,
 * </pre>
 * the minimiser of {@code ½ aᵀ S a − aᵀ S_{·j} + (γ/2n) Σ_i a_i² / g_ij²} over {@code a}: a
 * Gaussian prior {@code Â_ij ~ N(0, g_ij²/γ)} per edge (noise variance 1), so a gate scales the
 * prior of its edge and the data decide its weight; as {@code n} grows the prior washes out.
 *
 * <p><b>Optional second pass</b> ({@code passes = 2}): the gates are recomputed from the first
 * pass's weights {@code Â¹}, {@code s²_ij = s_ij + v |Â¹_ij| + c₂}, and the regression is redone
 * with {@code g²_ij = σ(s²_ij)}; the model can thus learn to close edges whose first estimate is
 * small in this domain (an adaptive-ridge step, in the spirit of the adaptive lasso).
 *
 * <p>Parameters {@code θ = (E, W_Q, W_K, u_1, u_2, u_3, c[, v, c₂])}, flat in that order (row-major); the model
 * is immutable and {@link #lossAndGradient} is the hand-written backward pass used by
 * {@link AmortisedTrainer}.
 */
public final class AmortisedModel {

    /**
     * Sizes and fixed constants.
     *
     * @param d         number of variables
     * @param embedding embedding width {@code p}
     * @param key       query/key width {@code m}
     * @param ridge     prior precision {@code γ} of the gated regression
     * @param passes    1: gates from attention alone; 2: a second gate pass that also sees the
     *                  first pass's weights (see the class documentation)
     */
    public record Shape(int d, int embedding, int key, double ridge, int passes) {
        public Shape {
            if (passes != 1 && passes != 2) {
                throw new IllegalArgumentException("passes = " + passes + "; expected 1 or 2");
            }
            if (d < 2) {
                throw new IllegalArgumentException("d = " + d + " variables; expected d >= 2");
            }
            if (embedding < 0 || key < 1) {
                throw new IllegalArgumentException("embedding = " + embedding + ", key = " + key + "; expected embedding >= 0 and key >= 1");
            }
            if (!(ridge > 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("ridge = " + ridge + "; expected a finite value > 0");
            }
        }

        /** A one-pass shape. */
        public Shape(int d, int embedding, int key, double ridge) {
            this(d, embedding, key, ridge, 1);
        }

        /** Default embedding width {@code p}. */
        public static final int DEFAULT_EMBEDDING = 4;
        /** Default query/key width {@code m}. */
        public static final int DEFAULT_KEY = 8;
        /** Default prior precision {@code γ}. */
        public static final double DEFAULT_RIDGE = 1.0;
        /** Default number of gate passes. */
        public static final int DEFAULT_PASSES = 2;

        /** The default shape for {@code d} variables (the {@code DEFAULT_*} constants). */
        public static Shape defaults(int d) {
            return new Shape(d, DEFAULT_EMBEDDING, DEFAULT_KEY, DEFAULT_RIDGE, DEFAULT_PASSES);
        }

        /** This shape with another embedding width. */
        public Shape withEmbedding(int p) {
            return new Shape(d, p, key, ridge, passes);
        }

        /** This shape with another query/key width. */
        public Shape withKey(int m) {
            return new Shape(d, embedding, m, ridge, passes);
        }

        /** This shape with another prior precision. */
        public Shape withRidge(double g) {
            return new Shape(d, embedding, key, g, passes);
        }

        /** This shape with another number of gate passes (1 or 2). */
        public Shape withPasses(int n) {
            return new Shape(d, embedding, key, ridge, n);
        }

        /** Token width {@code 2d + p}. */
        public int tokenWidth() {
            return 2 * d + embedding;
        }

        /** Number of parameters. */
        public int parameterCount() {
            return d * embedding + 2 * key * tokenWidth() + 4 + (passes == 2 ? 2 : 0);
        }

        int offE() {
            return 0;
        }

        int offQ() {
            return d * embedding;
        }

        int offK() {
            return offQ() + key * tokenWidth();
        }

        int offU() {
            return offK() + key * tokenWidth();
        }
    }

    /**
     * One domain's loss terms (before the augmented-Lagrangian weighting).
     *
     * @param reconstruction {@code ½ tr((I − Â)ᵀ S (I − Â)) = (1/2n)||X − XÂ||²_F}
     * @param l1             {@code Σ |Â_ij|}
     * @param h              {@code h(Â) = tr(exp(Â∘Â)) − d}
     */
    public record DomainLoss(double reconstruction, double l1, double h) {
        /** {@code reconstruction + λ1 l1 + α h + (ρ/2) h²}. */
        public double total(double lambda1, double rho, double alpha) {
            return reconstruction + lambda1 * l1 + alpha * h + 0.5 * rho * h * h;
        }
    }

    private final Shape shape;
    private final double[] theta;

    private AmortisedModel(Shape shape, double[] theta) {
        this.shape = shape;
        this.theta = theta;
    }

    /** Initial gate bias {@code c}: gates start at {@code σ(−3) ≈ 0.05}, near the empty graph (NOTEARS starts at {@code W = 0}). */
    public static final double INITIAL_GATE_LOGIT = -3.0;

    /**
     * A freshly initialised model: embeddings and projections {@code N(0, 1/width)}, {@code u = 0},
     * {@code v = c₂ = 0}, {@code c =} {@link #INITIAL_GATE_LOGIT}.
     */
    public static AmortisedModel init(Shape shape, long seed) {
        Rng rng = new Rng(seed);
        double[] t = new double[shape.parameterCount()];
        int f = shape.tokenWidth();
        for (int k = 0; k < shape.offU(); k++) {
            double scale = k < shape.offQ() ? 1.0 / Math.sqrt(Math.max(1, shape.embedding())) : 1.0 / Math.sqrt(f);
            t[k] = scale * rng.nextGaussian();
        }
        t[shape.offU() + 3] = INITIAL_GATE_LOGIT;
        return new AmortisedModel(shape, t);
    }

    /**
     * A model with the given parameters.
     *
     * @throws IllegalArgumentException if the count differs from {@link Shape#parameterCount()} or a value is not finite
     */
    public static AmortisedModel of(Shape shape, double[] theta) {
        if (theta.length != shape.parameterCount()) {
            throw new IllegalArgumentException("expected " + shape.parameterCount() + " parameters for " + shape + ", got " + theta.length);
        }
        for (int k = 0; k < theta.length; k++) {
            if (!Double.isFinite(theta[k])) {
                throw new IllegalArgumentException("parameter " + k + " = " + theta[k] + " is not finite");
            }
        }
        return new AmortisedModel(shape, theta.clone());
    }

    public Shape shape() {
        return shape;
    }

    /** The flat parameter vector (a fresh copy). */
    public double[] parameters() {
        return theta.clone();
    }

    /** {@code Â(X)} for data {@code x} ({@code n × d}): {@code a[i][j]} is the weight of {@code i -> j}. */
    public double[][] predict(DMatrixRMaj x) {
        return adjacency(Moments.of(x));
    }

    /** {@code Â} from a domain's statistics. */
    public double[][] adjacency(Moments m) {
        return toArray(forward(m).a);
    }

    /** The gates {@code g_ij} (diagonal 0). */
    public double[][] gates(Moments m) {
        double[][] g = forward(m).g;
        double[][] out = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            out[i] = g[i].clone();
        }
        return out;
    }

    /** Loss terms of one domain, no gradient. */
    public DomainLoss loss(Moments m) {
        return terms(m, forward(m), 0, 0, 0, null);
    }

    /**
     * The loss terms of one domain and, into {@code grad} (added, scaled by {@code weight}), the
     * gradient of {@code total(λ1, ρ, α)} with respect to {@code θ}; the ℓ1 term contributes
     * {@code λ1 sign(Â)}.
     */
    public DomainLoss lossAndGradient(Moments m, double lambda1, double rho, double alpha, double[] grad, double weight) {
        if (grad.length != theta.length) {
            throw new IllegalArgumentException("gradient buffer has " + grad.length + " entries, expected " + theta.length);
        }
        Pass p = forward(m);
        DMatrixRMaj gA = new DMatrixRMaj(shape.d(), shape.d());
        DomainLoss l = terms(m, p, lambda1, rho, alpha, gA);
        backward(m, p, gA, grad, weight);
        return l;
    }

    /** One gated regression: gates, the inverted systems, the coefficients and {@code Â}. */
    private static final class Refit {
        double[][] g;       // gates d × d (diagonal 0)
        DMatrixRMaj[] kinv; // per column j: (D S D + γ/n I)^-1
        double[][] b;       // row j holds column j's b
        DMatrixRMaj a;      // Â
    }

    /** Cached forward values of one domain. */
    private static final class Pass {
        double[][] t;      // tokens d × F
        double[][] q;      // d × m
        double[][] k;      // d × m
        double[][] s;      // first-pass scores d × d
        Refit first;
        Refit second;      // null for one pass
        double[][] g;      // the gates that made Â
        DMatrixRMaj a;     // Â
    }

    private Pass forward(Moments mo) {
        int d = shape.d();
        if (mo.size() != d) {
            throw new IllegalArgumentException("data have " + mo.size() + " variables, the model was built for d = " + d);
        }
        int e = shape.embedding(), km = shape.key(), f = shape.tokenWidth();
        DMatrixRMaj c = mo.corrRef(), r = mo.partialRef();
        Pass p = new Pass();
        p.t = new double[d][f];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                p.t[i][j] = c.unsafe_get(i, j);
                p.t[i][d + j] = r.unsafe_get(i, j);
            }
            for (int a = 0; a < e; a++) {
                p.t[i][2 * d + a] = theta[shape.offE() + i * e + a];
            }
        }
        p.q = project(p.t, shape.offQ());
        p.k = project(p.t, shape.offK());
        double u1 = theta[shape.offU()], u2 = theta[shape.offU() + 1], u3 = theta[shape.offU() + 2], c0 = theta[shape.offU() + 3];
        double inv = 1.0 / Math.sqrt(km);
        double[] logVar = logVariances(mo);
        p.s = new double[d][d];
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i == j) {
                    continue;
                }
                double sc = c0 + u1 * Math.abs(c.unsafe_get(i, j)) + u2 * Math.abs(r.unsafe_get(i, j))
                        + u3 * (logVar[j] - logVar[i]);
                for (int a = 0; a < km; a++) {
                    sc += inv * p.q[i][a] * p.k[j][a];
                }
                p.s[i][j] = sc;
                g[i][j] = sigmoid(sc);
            }
        }
        p.first = refit(mo, g);
        Refit last = p.first;
        if (shape.passes() == 2) {
            double v = theta[shape.offU() + 4], c2 = theta[shape.offU() + 5];
            double[][] g2 = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (i != j) {
                        g2[i][j] = sigmoid(p.s[i][j] + v * Math.abs(p.first.a.unsafe_get(i, j)) + c2);
                    }
                }
            }
            p.second = refit(mo, g2);
            last = p.second;
        }
        p.g = last.g;
        p.a = last.a;
        return p;
    }

    /** Column {@code j}: {@code b = (D S D + (γ/n) I)⁻¹ D S_{·j}}, {@code Â_{·j} = D b}, {@code D = diag(g_{·j})}. */
    private Refit refit(Moments mo, double[][] g) {
        int d = shape.d();
        DMatrixRMaj s = mo.sRef();
        double gamma = shape.ridge() / mo.n();
        Refit fit = new Refit();
        fit.g = g;
        fit.kinv = new DMatrixRMaj[d];
        fit.b = new double[d][d];
        fit.a = new DMatrixRMaj(d, d);
        DMatrixRMaj kk = new DMatrixRMaj(d, d);
        for (int j = 0; j < d; j++) {
            for (int x = 0; x < d; x++) {
                for (int y = 0; y < d; y++) {
                    kk.unsafe_set(x, y, g[x][j] * s.unsafe_get(x, y) * g[y][j] + (x == y ? gamma : 0.0));
                }
            }
            DMatrixRMaj ki = new DMatrixRMaj(d, d);
            if (!CommonOps_DDRM.invertSPD(kk, ki)) {
                throw new IllegalStateException("gated regression system of variable " + j + " is not positive definite");
            }
            fit.kinv[j] = ki;
            for (int x = 0; x < d; x++) {
                double v = 0;
                for (int y = 0; y < d; y++) {
                    v += ki.unsafe_get(x, y) * g[y][j] * s.unsafe_get(y, j);
                }
                fit.b[j][x] = v;
                fit.a.unsafe_set(x, j, g[x][j] * v);
            }
        }
        return fit;
    }

    /**
     * Backward of {@link #refit}: given {@code gA = dL/dÂ}, returns {@code dL/dg} (diagonal 0),
     * column by column {@code dL/dg_k = gA_k b_k + u_k S_kj − u_k (S Â_{·j})_k − (S(g∘u))_k b_k}
     * with {@code u = (D S D + (γ/n) I)⁻¹ (g ∘ gA_{·j})}.
     */
    private static double[][] refitBackward(Moments mo, Refit fit, DMatrixRMaj gA) {
        DMatrixRMaj s = mo.sRef();
        int d = s.numRows;
        double[][] dg = new double[d][d];
        double[] gb = new double[d], u = new double[d], gu = new double[d];
        for (int j = 0; j < d; j++) {
            DMatrixRMaj ki = fit.kinv[j];
            for (int x = 0; x < d; x++) {
                gb[x] = fit.g[x][j] * gA.unsafe_get(x, j);
            }
            for (int x = 0; x < d; x++) {
                double v = 0;
                for (int y = 0; y < d; y++) {
                    v += ki.unsafe_get(x, y) * gb[y];
                }
                u[x] = v;
                gu[x] = fit.g[x][j] * v;
            }
            for (int x = 0; x < d; x++) {
                if (x == j) {
                    continue;
                }
                double sa = 0, sgu = 0;
                for (int y = 0; y < d; y++) {
                    sa += s.unsafe_get(x, y) * fit.a.unsafe_get(y, j);
                    sgu += s.unsafe_get(x, y) * gu[y];
                }
                double bx = fit.b[j][x];
                dg[x][j] = gA.unsafe_get(x, j) * bx + u[x] * s.unsafe_get(x, j) - u[x] * sa - sgu * bx;
            }
        }
        return dg;
    }

    /** Loss terms; if {@code gA != null}, the gradient of the total with respect to {@code Â} into it. */
    private DomainLoss terms(Moments mo, Pass p, double lambda1, double rho, double alpha, DMatrixRMaj gA) {
        int d = shape.d();
        DMatrixRMaj s = mo.sRef();
        DMatrixRMaj res = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.subtractEquals(res, p.a);
        DMatrixRMaj sr = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s, res, sr);
        double recon = 0.5 * Notears.inner(res, sr);
        double l1 = 0;
        for (double v : p.a.data) {
            l1 += Math.abs(v);
        }
        Acyclicity ac = Acyclicity.of(p.a);
        if (gA != null) {
            double coef = alpha + rho * ac.h();
            for (int k = 0; k < gA.data.length; k++) {
                gA.data[k] = -sr.data[k] + lambda1 * Math.signum(p.a.data[k]) + coef * ac.gradient().data[k];
            }
        }
        return new DomainLoss(recon, l1, ac.h());
    }

    private void backward(Moments mo, Pass p, DMatrixRMaj gA, double[] grad, double weight) {
        int d = shape.d(), e = shape.embedding(), km = shape.key(), f = shape.tokenWidth();
        DMatrixRMaj c = mo.corrRef(), r = mo.partialRef();
        int offU = shape.offU();
        double[][] gs = new double[d][d]; // dL/ds_ij (first-pass scores)
        if (p.second == null) {
            double[][] dg = refitBackward(mo, p.first, gA);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double gij = p.first.g[i][j];
                    gs[i][j] = i == j ? 0.0 : dg[i][j] * gij * (1 - gij);
                }
            }
        } else {
            double v = theta[offU + 4];
            double[][] dg2 = refitBackward(mo, p.second, gA);
            DMatrixRMaj gA1 = new DMatrixRMaj(d, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (i == j) {
                        continue;
                    }
                    double g2 = p.second.g[i][j];
                    double ds2 = dg2[i][j] * g2 * (1 - g2);
                    double a1 = p.first.a.unsafe_get(i, j);
                    gs[i][j] = ds2;
                    grad[offU + 4] += weight * ds2 * Math.abs(a1);
                    grad[offU + 5] += weight * ds2;
                    gA1.unsafe_set(i, j, ds2 * v * Math.signum(a1));
                }
            }
            double[][] dg1 = refitBackward(mo, p.first, gA1);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (i != j) {
                        double g1 = p.first.g[i][j];
                        gs[i][j] += dg1[i][j] * g1 * (1 - g1);
                    }
                }
            }
        }
        // scores
        double inv = 1.0 / Math.sqrt(km);
        double[] logVar = logVariances(mo);
        double[][] dq = new double[d][km], dk = new double[d][km];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = gs[i][j];
                if (v == 0) {
                    continue;
                }
                grad[offU] += weight * v * Math.abs(c.unsafe_get(i, j));
                grad[offU + 1] += weight * v * Math.abs(r.unsafe_get(i, j));
                grad[offU + 2] += weight * v * (logVar[j] - logVar[i]);
                grad[offU + 3] += weight * v;
                for (int a = 0; a < km; a++) {
                    dq[i][a] += v * inv * p.k[j][a];
                    dk[j][a] += v * inv * p.q[i][a];
                }
            }
        }
        // projections and tokens
        double[][] dt = new double[d][f];
        accumulateProjection(p.t, dq, shape.offQ(), grad, weight, dt);
        accumulateProjection(p.t, dk, shape.offK(), grad, weight, dt);
        for (int i = 0; i < d; i++) {
            for (int a = 0; a < e; a++) {
                grad[shape.offE() + i * e + a] += weight * dt[i][2 * d + a];
            }
        }
    }

    /** {@code out[i][a] = Σ_f W[a][f] t[i][f]} with {@code W} at {@code off} ({@code m × F}, row-major). */
    private double[][] project(double[][] t, int off) {
        int d = t.length, km = shape.key(), f = shape.tokenWidth();
        double[][] out = new double[d][km];
        for (int i = 0; i < d; i++) {
            for (int a = 0; a < km; a++) {
                double v = 0;
                int base = off + a * f;
                for (int x = 0; x < f; x++) {
                    v += theta[base + x] * t[i][x];
                }
                out[i][a] = v;
            }
        }
        return out;
    }

    /** Backward of {@link #project}: {@code dW += dOutᵀ t} and {@code dt += dOut W}. */
    private void accumulateProjection(double[][] t, double[][] dOut, int off, double[] grad, double weight, double[][] dt) {
        int d = t.length, km = shape.key(), f = shape.tokenWidth();
        for (int i = 0; i < d; i++) {
            for (int a = 0; a < km; a++) {
                double v = dOut[i][a];
                if (v == 0) {
                    continue;
                }
                int base = off + a * f;
                for (int x = 0; x < f; x++) {
                    grad[base + x] += weight * v * t[i][x];
                    dt[i][x] += v * theta[base + x];
                }
            }
        }
    }

    /** {@code log S_ii}, the log second moment of every variable. */
    private static double[] logVariances(Moments mo) {
        DMatrixRMaj s = mo.sRef();
        double[] out = new double[s.numRows];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(s.unsafe_get(i, i));
        }
        return out;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.unsafe_get(i, j);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "AmortisedModel[" + shape + ", " + theta.length + " parameters]";
    }
}
