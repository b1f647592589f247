package org.causalheads.amortised;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.causalheads.numeric.Optimiser;
import org.causalheads.numeric.OptimiserConfig;
import org.causalheads.numeric.Rng;

/**
 * Trains an {@link AmortisedModel} across {@code M} domains without any graph: an amortised
 * NOTEARS,
 * <pre>
 *   min_θ  (1/M) Σ_η [ ½ tr((I − Â_η)ᵀ S_η (I − Â_η)) + λ1 |Â_η|_1 + α h(Â_η) + (ρ/2) h(Â_η)² ],
 *   Â_η = Â(X_η; θ),
 * </pre>
 * by Adam ({@link OptimiserConfig#adam}: {@code β1 = 0.9, β2 = 0.999, ε = 1e-8}) on minibatches of domains,
 * with the augmented-Lagrangian updates of NOTEARS made every {@code dualEvery} steps on the mean
 * acyclicity over all training domains {@code H = (1/M) Σ_η h(Â_η)} (zero exactly when every
 * prediction is acyclic): {@code ρ ← min(10ρ, ρ_max)} if {@code H} has not fallen below a quarter
 * of its value at the previous update, then {@code α ← α + ρH}.
 */
public final class AmortisedTrainer {

    /**
     * Training settings.
     *
     * @param steps        Adam steps
     * @param learningRate Adam step size
     * @param lambda1      ℓ1 weight
     * @param batchSize    domains per step (all of them if at least {@code M})
     * @param dualEvery    steps between augmented-Lagrangian updates
     * @param rhoMax       cap on {@code ρ}
     * @param reportEvery  steps between progress reports (and history points)
     * @param seed         seed of the initial parameters and of the minibatches
     */
    public record Config(int steps, double learningRate, double lambda1, int batchSize, int dualEvery,
                         double rhoMax, int reportEvery, long seed) {
        public Config {
            if (steps < 1 || batchSize < 1 || dualEvery < 1 || reportEvery < 1) {
                throw new IllegalArgumentException("steps = " + steps + ", batchSize = " + batchSize + ", dualEvery = "
                        + dualEvery + ", reportEvery = " + reportEvery + "; expected all >= 1");
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate = " + learningRate + "; expected a finite value > 0");
            }
            if (!(lambda1 >= 0) || Double.isInfinite(lambda1)) {
                throw new IllegalArgumentException("lambda1 = " + lambda1 + "; expected a finite value >= 0");
            }
            if (!(rhoMax >= 1)) {
                throw new IllegalArgumentException("rhoMax = " + rhoMax + "; expected >= 1");
            }
        }

        /** Default Adam steps. */
        public static final int DEFAULT_STEPS = 1500;
        /** Default Adam step size. */
        public static final double DEFAULT_LEARNING_RATE = 0.02;
        /** Default ℓ1 weight. */
        public static final double DEFAULT_LAMBDA1 = 0.1;
        /** Default domains per step. */
        public static final int DEFAULT_BATCH_SIZE = 32;
        /** Default steps between augmented-Lagrangian updates. */
        public static final int DEFAULT_DUAL_EVERY = 100;
        /** Default cap on {@code ρ}. */
        public static final double DEFAULT_RHO_MAX = 1e4;
        /** Default steps between progress reports. */
        public static final int DEFAULT_REPORT_EVERY = 50;
        /** Default seed. */
        public static final long DEFAULT_SEED = 1;

        /** The defaults named by the {@code DEFAULT_*} constants. */
        public static Config defaults() {
            return new Config(DEFAULT_STEPS, DEFAULT_LEARNING_RATE, DEFAULT_LAMBDA1, DEFAULT_BATCH_SIZE,
                    DEFAULT_DUAL_EVERY, DEFAULT_RHO_MAX, DEFAULT_REPORT_EVERY, DEFAULT_SEED);
        }

        /** This configuration with another number of steps. */
        public Config withSteps(int s) {
            return new Config(s, learningRate, lambda1, batchSize, dualEvery, rhoMax, reportEvery, seed);
        }

        /** This configuration with another step size. */
        public Config withLearningRate(double lr) {
            return new Config(steps, lr, lambda1, batchSize, dualEvery, rhoMax, reportEvery, seed);
        }

        /** This configuration with another ℓ1 weight. */
        public Config withLambda1(double l) {
            return new Config(steps, learningRate, l, batchSize, dualEvery, rhoMax, reportEvery, seed);
        }

        /** This configuration with another minibatch size. */
        public Config withBatchSize(int b) {
            return new Config(steps, learningRate, lambda1, b, dualEvery, rhoMax, reportEvery, seed);
        }

        /** This configuration with another interval between augmented-Lagrangian updates. */
        public Config withDualEvery(int e) {
            return new Config(steps, learningRate, lambda1, batchSize, e, rhoMax, reportEvery, seed);
        }

        /** This configuration with another cap on {@code ρ}. */
        public Config withRhoMax(double r) {
            return new Config(steps, learningRate, lambda1, batchSize, dualEvery, r, reportEvery, seed);
        }

        /** This configuration with another seed. */
        public Config withSeed(long s) {
            return new Config(steps, learningRate, lambda1, batchSize, dualEvery, rhoMax, reportEvery, s);
        }

        /** This configuration with another report interval. */
        public Config withReportEvery(int r) {
            return new Config(steps, learningRate, lambda1, batchSize, dualEvery, rhoMax, r, seed);
        }
    }

    /**
     * A point of the training curve: means over the step's minibatch.
     *
     * @param step           steps done
     * @param reconstruction mean {@code ½ tr((I − Â)ᵀ S (I − Â))}
     * @param l1             mean {@code |Â|_1}
     * @param h              mean {@code h(Â)}
     * @param rho            current {@code ρ}
     * @param alpha          current {@code α}
     * @param seconds        wall time since the start
     */
    public record Point(int step, double reconstruction, double l1, double h, double rho, double alpha, double seconds) {
    }

    /**
     * The outcome of training.
     *
     * @param model   the trained model
     * @param history training curve, one point every {@code reportEvery} steps (and the last step)
     * @param seconds total wall time
     */
    public record Result(AmortisedModel model, List<Point> history, double seconds) {
        public Result {
            history = List.copyOf(history);
        }
    }

    private AmortisedTrainer() {
    }

    /** {@link #train(AmortisedModel.Shape, List, Config, Consumer)} without progress reports. */
    public static Result train(AmortisedModel.Shape shape, List<Moments> domains, Config cfg) {
        return train(shape, domains, cfg, p -> { });
    }

    /**
     * Trains from a fresh model ({@link AmortisedModel#init} with the config's seed) on the
     * training domains' statistics; {@code progress} receives every history point as it is made.
     *
     * @throws IllegalArgumentException if there are no domains or a domain has the wrong size
     */
    public static Result train(AmortisedModel.Shape shape, List<Moments> domains, Config cfg, Consumer<Point> progress) {
        if (domains == null || domains.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one domain, got " + (domains == null ? "null" : "none"));
        }
        for (int k = 0; k < domains.size(); k++) {
            if (domains.get(k).size() != shape.d()) {
                throw new IllegalArgumentException("training domain " + k + " has " + domains.get(k).size()
                        + " variables, the model has d = " + shape.d());
            }
        }
        long t0 = System.nanoTime();
        int mDomains = domains.size();
        int batch = Math.min(cfg.batchSize(), mDomains);
        Rng rng = new Rng(cfg.seed() ^ 0x5DEECE66DL);
        double[] theta = AmortisedModel.init(shape, cfg.seed()).parameters();
        int np = theta.length;
        double[] grad = new double[np];
        Optimiser adam = OptimiserConfig.adam(cfg.learningRate()).start(np, cfg.steps());
        double rho = 1, alpha = 0, hPrev = Double.POSITIVE_INFINITY;
        int[] idx = new int[mDomains];
        for (int k = 0; k < mDomains; k++) {
            idx[k] = k;
        }
        List<Point> history = new ArrayList<>();
        for (int step = 1; step <= cfg.steps(); step++) {
            AmortisedModel model = AmortisedModel.of(shape, theta);
            java.util.Arrays.fill(grad, 0);
            // a fresh partial shuffle picks the minibatch
            for (int k = 0; k < batch; k++) {
                int j = k + rng.nextInt(mDomains - k);
                int t = idx[k];
                idx[k] = idx[j];
                idx[j] = t;
            }
            double rec = 0, l1 = 0, h = 0;
            for (int k = 0; k < batch; k++) {
                AmortisedModel.DomainLoss l = model.lossAndGradient(domains.get(idx[k]), cfg.lambda1(), rho, alpha, grad, 1.0 / batch);
                rec += l.reconstruction() / batch;
                l1 += l.l1() / batch;
                h += l.h() / batch;
            }
            adam.step(theta, grad);
            if (step % cfg.reportEvery() == 0 || step == cfg.steps()) {
                Point pt = new Point(step, rec, l1, h, rho, alpha, (System.nanoTime() - t0) * 1e-9);
                history.add(pt);
                progress.accept(pt);
            }
            if (step % cfg.dualEvery() == 0 && step < cfg.steps()) {
                AmortisedModel now = AmortisedModel.of(shape, theta);
                double hAll = 0;
                for (Moments mo : domains) {
                    hAll += now.loss(mo).h() / mDomains;
                }
                if (hAll > 0.25 * hPrev) {
                    rho = Math.min(10 * rho, cfg.rhoMax());
                }
                alpha += rho * hAll;
                hPrev = hAll;
            }
        }
        return new Result(AmortisedModel.of(shape, theta), history, (System.nanoTime() - t0) * 1e-9);
    }
}
