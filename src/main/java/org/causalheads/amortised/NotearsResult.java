package org.causalheads.amortised;

/**
 * The outcome of a {@link Notears} fit.
 *
 * @param weights          the raw solution {@code W} ({@code weights[i][j]} for {@code i -> j}, labels)
 * @param h                {@code h(W)} at the solution
 * @param rho              the final penalty weight {@code ρ}
 * @param outerIterations  dual updates made
 * @param innerIterations  proximal-gradient steps made over all subproblems
 */
public record NotearsResult(double[][] weights, double h, double rho, int outerIterations, int innerIterations) {

    public NotearsResult {
        double[][] c = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            c[i] = weights[i].clone();
        }
        weights = c;
    }

    @Override
    public double[][] weights() {
        double[][] c = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            c[i] = weights[i].clone();
        }
        return c;
    }

    /** The weights with every entry of magnitude at most {@code threshold} set to 0. */
    public double[][] thresholded(double threshold) {
        double[][] c = weights();
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                if (Math.abs(row[j]) <= threshold) {
                    row[j] = 0;
                }
            }
        }
        return c;
    }
}
