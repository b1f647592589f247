/**
 * Graphs over positions {@code 0..T-1} in topological order, seeded generators and
 * structure-recovery metrics.
 *
 * <p>A K-parent DAG gives every non-root node {@code i} an <em>ordered</em> list of {@code K}
 * distinct earlier positions; slot {@code l} of that list is what attention head {@code l} is
 * meant to find. {@link org.causalheads.dag.Generators} draws random K-parent graphs (nodes
 * {@code 0..K-1} roots, optional extra roots, random slot order), banded graphs and chains, each
 * from an explicit seed. {@link org.causalheads.dag.Metrics} scores an estimate against the truth:
 * SHD (a reversed edge costs 1, or 2 in the {@code cdt} convention; an undirected estimate of a
 * true edge costs 1), gCastle-style directed precision/recall/F1 (undirected estimates are never
 * correct directed edges), NOTEARS TPR/FDR/FPR (where an undirected estimate on the true
 * skeleton does count as a true positive), skeleton F1, and the head-collapse rate.
 */
package org.causalheads.dag;
