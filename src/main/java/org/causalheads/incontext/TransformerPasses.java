package org.causalheads.incontext;

import java.util.Arrays;
import org.causalheads.numeric.Softmax;

/**
 * The hand-written forward and backward passes of a {@link Transformer}, with the working memory
 * of one thread: allocated once, reused for every sequence (the layout and the layer-1 shortcut
 * are described in the model's class comment). Reads the model's live parameter array, so a
 * pass after {@link Transformer#setParameters} sees the new values.
 *
 * <p>Not thread-safe: give each thread its own instance ({@link Transformer#newPasses()}).
 */
final class TransformerPasses {

    private final int s;
    private final int t;
    private final int[] heads;
    private final int[] width;
    private final int[][] offA;
    private final int offW;
    private final double[] theta;
    final double[][] h;
    final double[][] dh;
    final double[][][] att;
    final double[][][] g;
    final double[] r;
    final double[] da;
    final double[] p;
    final double[] dz;
    int[] x;
    int xOff;

    TransformerPasses(Transformer model) {
        s = model.vocabSize();
        t = model.seqLen();
        heads = model.headsPerLayer();
        width = new int[heads.length + 1];
        for (int l = 0; l <= heads.length; l++) {
        width[l] = model.width(l);
    }
        offA = new int[heads.length][];
        for (int l = 0; l < heads.length; l++) {
            offA[l] = new int[heads[l]];
            for (int k = 0; k < heads[l]; k++) {
                offA[l][k] = model.offsetA(l, k);
            }
        }
        offW = model.offsetW();
        theta = model.theta();
        h = new double[heads.length + 1][];
        dh = new double[heads.length + 1][];
        att = new double[heads.length][][];
        g = new double[heads.length][][];
        da = new double[t];
        p = new double[s];
        dz = new double[s];
            int maxD = 0;
            for (int l = 0; l <= heads.length; l++) {
                if (l > 0) {
                    h[l] = new double[t * width[l]];
                    dh[l] = new double[t * width[l]];
                }
                maxD = Math.max(maxD, width[l]);
            }
            for (int l = 0; l < heads.length; l++) {
                att[l] = new double[heads[l]][t * t];
                g[l] = new double[heads[l]][l == 0 ? 0 : t * width[l]];
            }
            r = new double[maxD];
        }

    /** Forward pass; if {@code allRows}, every layer is evaluated at every position. */
    void forward(int[] tokens, int off, boolean allRows) {
        this.x = tokens;
        this.xOff = off;
        int last = heads.length - 1;
        forwardFirst(allRows || last > 0 ? 0 : t - 1);
        for (int l = 1; l <= last; l++) {
            forwardDense(l, allRows || l < last ? 0 : t - 1);
        }
        int dL = width[heads.length];
        double[] hL = this.h[heads.length];
        int base = (t - 1) * dL;
        double[] z = this.p;
        Arrays.fill(z, 0);
        for (int r = 0; r < dL; r++) {
            double v = hL[base + r];
            if (v != 0) {
                int w = offW + r * s;
                for (int c = 0; c < s; c++) {
                    z[c] += v * theta[w + c];
                }
            }
        }
        Softmax.inPlace(z, 0, s);
    }

    /** Loss of one sequence; adds its gradient (not divided by the batch) to {@code grad}. */
    double accumulate(int[] tokens, int off, double[] y, int yOff, double[] grad) {
        forward(tokens, off, false);
        double loss = Losses.crossEntropy(y, yOff, this.p);
        double ysum = 0;
        for (int c = 0; c < s; c++) {
            ysum += y[yOff + c];
        }
        for (int c = 0; c < s; c++) {
            this.dz[c] = this.p[c] * ysum - y[yOff + c];
        }
        int nL = heads.length;
        int dL = width[nL];
        double[] hL = this.h[nL];
        double[] dhL = this.dh[nL];
        int base = (t - 1) * dL;
        int colStart = nL == 1 ? width[0] : 0;
        for (int r = 0; r < dL; r++) {
            int w = offW + r * s;
            double v = hL[base + r];
            if (v != 0) {
                for (int c = 0; c < s; c++) {
                    grad[w + c] += v * this.dz[c];
                }
            }
            if (r >= colStart) {
                double acc = 0;
                for (int c = 0; c < s; c++) {
                    acc += theta[w + c] * this.dz[c];
                }
                dhL[base + r] = acc;
            }
        }
        int last = nL - 1;
        for (int l = last; l >= 1; l--) {
            backwardDense(l, grad, l < last ? 0 : t - 1);
        }
        backwardFirst(grad, last > 0 ? 0 : t - 1);
        return loss;
    }

    private void forwardFirst(int rowStart) {
        int d0 = width[0];
        int dn = width[1];
        int[] x = this.x;
        int xo = this.xOff;
        double[] hout = this.h[1];
        for (int i = rowStart; i < t; i++) {
            int ho = i * dn;
            Arrays.fill(hout, ho, ho + dn, 0);
            int xi = x[xo + i];
            hout[ho + xi] = 1;
            hout[ho + s + i] = 1;
            for (int k = 0; k < heads[0]; k++) {
                double[] a = this.att[0][k];
                int rowTok = offA[0][k] + xi * d0;
                int rowPos = offA[0][k] + (s + i) * d0;
                int ai = i * t;
                for (int j = 0; j <= i; j++) {
                    int xj = x[xo + j];
                    a[ai + j] = theta[rowTok + xj] + theta[rowTok + s + j] + theta[rowPos + xj] + theta[rowPos + s + j];
                }
                Softmax.inPlace(a, ai, i + 1);
                int blk = ho + d0 * (1 + k);
                for (int j = 0; j <= i; j++) {
                    double v = a[ai + j];
                    hout[blk + x[xo + j]] += v;
                    hout[blk + s + j] = v;
                }
                Arrays.fill(a, ai + i + 1, ai + t, 0);
            }
        }
    }

    private void backwardFirst(double[] grad, int rowStart) {
        int d0 = width[0];
        int dn = width[1];
        int[] x = this.x;
        int xo = this.xOff;
        double[] dh = this.dh[1];
        double[] da = this.da;
        for (int i = rowStart; i < t; i++) {
            int xi = x[xo + i];
            for (int k = 0; k < heads[0]; k++) {
                double[] a = this.att[0][k];
                int ai = i * t;
                int blk = i * dn + d0 * (1 + k);
                double mean = 0;
                for (int j = 0; j <= i; j++) {
                    double v = dh[blk + x[xo + j]] + dh[blk + s + j];
                    da[j] = v;
                    mean += a[ai + j] * v;
                }
                int rowTok = offA[0][k] + xi * d0;
                int rowPos = offA[0][k] + (s + i) * d0;
                for (int j = 0; j <= i; j++) {
                    double gl = a[ai + j] * (da[j] - mean);
                    int xj = x[xo + j];
                    grad[rowTok + xj] += gl;
                    grad[rowTok + s + j] += gl;
                    grad[rowPos + xj] += gl;
                    grad[rowPos + s + j] += gl;
                }
            }
        }
    }

    private void forwardDense(int l, int rowStart) {
        int d = width[l];
        int dn = width[l + 1];
        double[] hin = this.h[l];
        double[] hout = this.h[l + 1];
        for (int i = rowStart; i < t; i++) {
            int hi = i * d;
            int ho = i * dn;
            System.arraycopy(hin, hi, hout, ho, d);
            for (int k = 0; k < heads[l]; k++) {
                int oA = offA[l][k];
                double[] g = this.g[l][k];
                int gi = i * d;
                Arrays.fill(g, gi, gi + d, 0);
                for (int r = 0; r < d; r++) {
                    double v = hin[hi + r];
                    if (v != 0) {
                        int ar = oA + r * d;
                        for (int c = 0; c < d; c++) {
                            g[gi + c] += v * theta[ar + c];
                        }
                    }
                }
                double[] a = this.att[l][k];
                int ai = i * t;
                for (int j = 0; j <= i; j++) {
                    int hj = j * d;
                    double v = 0;
                    for (int c = 0; c < d; c++) {
                        v += g[gi + c] * hin[hj + c];
                    }
                    a[ai + j] = v;
                }
                Softmax.inPlace(a, ai, i + 1);
                int blk = ho + d * (1 + k);
                Arrays.fill(hout, blk, blk + d, 0);
                for (int j = 0; j <= i; j++) {
                    double w = a[ai + j];
                    int hj = j * d;
                    for (int c = 0; c < d; c++) {
                        hout[blk + c] += w * hin[hj + c];
                    }
                }
                Arrays.fill(a, ai + i + 1, ai + t, 0);
            }
        }
    }

    private void backwardDense(int l, double[] grad, int rowStart) {
        int d = width[l];
        int dn = width[l + 1];
        int c0 = l == 1 ? width[0] : 0;
        double[] hin = this.h[l];
        double[] dout = this.dh[l + 1];
        double[] din = this.dh[l];
        double[] da = this.da;
        double[] r = this.r;
        Arrays.fill(din, 0);
        for (int i = rowStart; i < t; i++) {
            int hi = i * d;
            int ho = i * dn;
            for (int c = c0; c < d; c++) {
                din[hi + c] += dout[ho + c];
            }
            for (int k = 0; k < heads[l]; k++) {
                int oA = offA[l][k];
                double[] a = this.att[l][k];
                double[] g = this.g[l][k];
                int gi = i * d;
                int ai = i * t;
                int blk = ho + d * (1 + k);
                double mean = 0;
                for (int j = 0; j <= i; j++) {
                    int hj = j * d;
                    double v = 0;
                    for (int c = 0; c < d; c++) {
                        v += dout[blk + c] * hin[hj + c];
                    }
                    da[j] = v;
                    mean += a[ai + j] * v;
                }
                Arrays.fill(r, 0, d, 0);
                for (int j = 0; j <= i; j++) {
                    double aij = a[ai + j];
                    double gl = aij * (da[j] - mean);
                    int hj = j * d;
                    for (int c = c0; c < d; c++) {
                        din[hj + c] += aij * dout[blk + c] + gl * g[gi + c];
                    }
                    if (gl != 0) {
                        for (int c = 0; c < d; c++) {
                            r[c] += gl * hin[hj + c];
                        }
                    }
                }
                for (int rr = 0; rr < d; rr++) {
                    double v = hin[hi + rr];
                    int ar = oA + rr * d;
                    if (v != 0) {
                        for (int c = 0; c < d; c++) {
                            grad[ar + c] += v * r[c];
                        }
                    }
                    if (rr >= c0) {
                        double acc = 0;
                        for (int c = 0; c < d; c++) {
                            acc += theta[ar + c] * r[c];
                        }
                        din[hi + rr] += acc;
                    }
                }
            }
        }
    }
}
