package org.causalheads.numeric;

/**
 * How parameters are updated: SGD or AdamW, a base learning rate, weight decay and a schedule.
 * Immutable; build with {@link #sgd(double)}, {@link #adamw(double, double)} or
 * {@link #adam(double)} and the withers; {@link #start} makes the {@link Optimiser} of one run.
 *
 * <p>SGD: {@code θ ← θ − lr_t (g + λθ)}. AdamW (Loshchilov and Hutter 2019: decoupled decay;
 * Kingma and Ba 2015: bias-corrected moments, {@code m̂ = m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}):
 * {@code θ ← θ − lr_t (m̂/(√v̂ + ε) + λθ)}; with {@code λ = 0} it is Adam.
 *
 * @param kind         SGD or ADAMW
 * @param learningRate base rate, {@code > 0}
 * @param weightDecay  {@code λ ≥ 0}
 * @param schedule     decay of the rate over the run
 * @param beta1        AdamW first-moment decay
 * @param beta2        AdamW second-moment decay
 * @param epsilon      AdamW denominator guard
 */
public record OptimiserConfig(Kind kind, double learningRate, double weightDecay, Schedule schedule,
                              double beta1, double beta2, double epsilon) {

    /** Update rule. */
    public enum Kind { SGD, ADAMW }

    public OptimiserConfig {
        if (kind == null || schedule == null) {
            throw new IllegalArgumentException("optimiser kind and schedule must not be null");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= beta1, beta2 < 1 and epsilon > 0, got beta1="
                    + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon);
        }
    }

    /** Plain SGD with rate {@code lr}, cosine decay, no weight decay (the paper's single-parent setting). */
    public static OptimiserConfig sgd(double lr) {
        return new OptimiserConfig(Kind.SGD, lr, 0, Schedule.COSINE, 0.9, 0.999, 1e-8);
    }

    /** AdamW with rate {@code lr} and decay {@code weightDecay}, cosine schedule (the paper's multi-parent setting). */
    public static OptimiserConfig adamw(double lr, double weightDecay) {
        return new OptimiserConfig(Kind.ADAMW, lr, weightDecay, Schedule.COSINE, 0.9, 0.999, 1e-8);
    }

    /** Adam (AdamW without weight decay) at a constant rate {@code lr}. */
    public static OptimiserConfig adam(double lr) {
        return new OptimiserConfig(Kind.ADAMW, lr, 0, Schedule.CONSTANT, 0.9, 0.999, 1e-8);
    }

    /** This configuration with another base learning rate. */
    public OptimiserConfig withLearningRate(double lr) {
        return new OptimiserConfig(kind, lr, weightDecay, schedule, beta1, beta2, epsilon);
    }

    /** This configuration with another schedule. */
    public OptimiserConfig withSchedule(Schedule s) {
        return new OptimiserConfig(kind, learningRate, weightDecay, s, beta1, beta2, epsilon);
    }

    /** This configuration with a constant rate. */
    public OptimiserConfig constant() {
        return withSchedule(Schedule.CONSTANT);
    }

    /** This configuration with cosine decay. */
    public OptimiserConfig cosine() {
        return withSchedule(Schedule.COSINE);
    }

    /** This configuration with another weight decay. */
    public OptimiserConfig withWeightDecay(double wd) {
        return new OptimiserConfig(kind, learningRate, wd, schedule, beta1, beta2, epsilon);
    }

    /**
     * A fresh optimiser for {@code n} parameters over a run of {@code totalSteps} steps (the
     * schedule's horizon).
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code totalSteps < 1}
     */
    public Optimiser start(int n, long totalSteps) {
        if (n < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("optimiser for " + n + " parameters over " + totalSteps
                    + " steps; expected n >= 0 and at least one step");
        }
        return new State(this, n, totalSteps);
    }

    @Override
    public String toString() {
        return kind + "(lr=" + learningRate + ", wd=" + weightDecay + ", " + schedule
                + (kind == Kind.ADAMW ? ", b1=" + beta1 + ", b2=" + beta2 + ", eps=" + epsilon : "") + ")";
    }

    /** Optimiser state (moments) for one run. */
    private static final class State implements Optimiser {
        private final OptimiserConfig c;
        private final long total;
        private final double[] m;
        private final double[] v;
        private long t;

        State(OptimiserConfig c, int n, long total) {
            this.c = c;
            this.total = total;
            this.m = c.kind == Kind.ADAMW ? new double[n] : null;
            this.v = c.kind == Kind.ADAMW ? new double[n] : null;
        }

        @Override
        public long steps() {
            return t;
        }

        @Override
        public double step(double[] theta, double[] g) {
            double lr = c.learningRate * c.schedule.factor(t, total);
            t++;
            double wd = c.weightDecay;
            if (c.kind == Kind.SGD) {
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= lr * (g[i] + wd * theta[i]);
                }
                return lr;
            }
            double b1 = c.beta1;
            double b2 = c.beta2;
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < theta.length; i++) {
                double gi = g[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mh = m[i] / bc1;
                double vh = v[i] / bc2;
                theta[i] -= lr * (mh / (Math.sqrt(vh) + c.epsilon) + wd * theta[i]);
            }
            return lr;
        }
    }
}
