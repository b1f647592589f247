package org.causalheads.markov;

import org.causalheads.numeric.Rng;
import java.util.stream.IntStream;

/**
 * Shared machinery of the seeded samplers: sequences are generated in fixed blocks, block
 * {@code b} from the {@code b}-th split of {@code new Rng(seed)}, so the output
 * depends on the seed only (not on the number of threads). Blocks run in parallel.
 */
final class SequenceSampler {

    static final int BLOCK = 2048;

    /** Fills positions {@code 0..T-1} of sequences {@code from..to-1}, position-major. */
    interface BlockFiller {
        void fill(byte[][] cols, int from, int to, Rng rng);
    }

    private SequenceSampler() {
    }

    static Samples sample(int n, int T, int states, long seed, BlockFiller filler) {
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " sequences; expected n >= 1");
        }
        byte[][] cols = new byte[T][n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Rng root = new Rng(seed);
        Rng[] rngs = new Rng[blocks];
        for (int b = 0; b < blocks; b++) {
            rngs[b] = root.split();
        }
        IntStream.range(0, blocks).parallel().forEach(b ->
                filler.fill(cols, b * BLOCK, Math.min(n, (b + 1) * BLOCK), rngs[b]));
        return new Samples(states, cols);
    }
}
