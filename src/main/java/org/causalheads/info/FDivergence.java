package org.causalheads.info;

/**
 * Generators {@code f} of f-divergences: convex on {@code (0, ∞)} with {@code f(1) = 0}.
 * Each constant supplies {@code f}, its derivative {@code f'} and the convex conjugate evaluated
 * at the derivative, {@code f*(f'(r)) = r f'(r) - f(r)}, which the variational (dual) form of
 * f-MI needs.
 *
 * <table>
 *   <caption>generators</caption>
 *   <tr><th>constant</th><th>f(x)</th><th>f'(x)</th><th>f*(f'(x))</th></tr>
 *   <tr><td>KL</td><td>x log x</td><td>log x + 1</td><td>x</td></tr>
 *   <tr><td>REVERSE_KL</td><td>-log x</td><td>-1/x</td><td>log x - 1</td></tr>
 *   <tr><td>CHI2</td><td>(x-1)²</td><td>2(x-1)</td><td>x² - 1</td></tr>
 *   <tr><td>HELLINGER</td><td>(√x-1)²</td><td>1 - 1/√x</td><td>√x - 1</td></tr>
 *   <tr><td>JS</td><td>½[x log(2x/(1+x)) + log(2/(1+x))]</td><td>½ log(2x/(1+x))</td><td>-½ log(2/(1+x))</td></tr>
 *   <tr><td>TV</td><td>½|x-1|</td><td>½ sign(x-1) (0 at 1)</td><td>½ sign(x-1)</td></tr>
 * </table>
 * TV is convex but not strictly convex: it is the control case.
 */
public enum FDivergence {
    KL {
        @Override
        public double f(double x) {
            return x == 0 ? 0 : x * Math.log(x);
        }

        @Override
        public double derivative(double x) {
            return Math.log(x) + 1;
        }
    },
    REVERSE_KL {
        @Override
        public double f(double x) {
            return -Math.log(x);
        }

        @Override
        public double derivative(double x) {
            return -1 / x;
        }
    },
    CHI2 {
        @Override
        public double f(double x) {
            return (x - 1) * (x - 1);
        }

        @Override
        public double derivative(double x) {
            return 2 * (x - 1);
        }
    },
    HELLINGER {
        @Override
        public double f(double x) {
            double r = Math.sqrt(x) - 1;
            return r * r;
        }

        @Override
        public double derivative(double x) {
            return 1 - 1 / Math.sqrt(x);
        }
    },
    JS {
        @Override
        public double f(double x) {
            return 0.5 * ((x == 0 ? 0 : x * Math.log(2 * x / (1 + x))) + Math.log(2 / (1 + x)));
        }

        @Override
        public double derivative(double x) {
            return 0.5 * Math.log(2 * x / (1 + x));
        }
    },
    TV {
        @Override
        public double f(double x) {
            return 0.5 * Math.abs(x - 1);
        }

        @Override
        public double derivative(double x) {
            return 0.5 * Math.signum(x - 1);
        }
    };

    /** The generator {@code f(x)}, {@code x > 0}. */
    public abstract double f(double x);

    /** The derivative {@code f'(x)} (for TV the subgradient {@code ½ sign(x-1)}). */
    public abstract double derivative(double x);

    /** The conjugate at the derivative: {@code f*(f'(r)) = r f'(r) - f(r)}. */
    public double conjugateAtDerivative(double r) {
        return r * derivative(r) - f(r);
    }

    /** The Bregman divergence of {@code f}: {@code B_f(a, b) = f(a) - f(b) - f'(b)(a - b) >= 0}. */
    public double bregman(double a, double b) {
        return f(a) - f(b) - derivative(b) * (a - b);
    }

    /** Whether {@code f} is strictly convex (all but TV). */
    public boolean strictlyConvex() {
        return this != TV;
    }
}
