package org.causalheads.dag;

/**
 * Structure-recovery scores of an estimated graph against a true DAG; see {@link Metrics} for
 * the exact conventions.
 *
 * @param shd               structural Hamming distance (extra + missing + reversed/undirected)
 * @param extra             estimated adjacencies absent from the true skeleton
 * @param missing           true edges with no estimated adjacency
 * @param reversed          true edges estimated with the opposite orientation
 * @param undirected        true edges estimated as undirected
 * @param precision         directed precision: correctly oriented edges / estimated edges
 * @param recall            directed recall: correctly oriented edges / true edges
 * @param f1                harmonic mean of directed precision and recall (0 when both are 0)
 * @param tpr               NOTEARS true-positive rate
 * @param fdr               NOTEARS false-discovery rate
 * @param fpr               NOTEARS false-positive rate
 * @param skeletonF1        F1 of the adjacencies, ignoring orientation
 * @param headCollapseRate  share of non-root nodes where two or more heads picked the same
 *                          parent; {@code NaN} when no per-head picks were given
 * @param trueEdges         number of true edges
 * @param estimatedEdges    number of estimated adjacencies
 */
public record Scores(int shd, int extra, int missing, int reversed, int undirected,
                     double precision, double recall, double f1,
                     double tpr, double fdr, double fpr, double skeletonF1,
                     double headCollapseRate, int trueEdges, int estimatedEdges) {
}
