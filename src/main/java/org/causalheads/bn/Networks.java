package org.causalheads.bn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Networks the project ships: built in code from published tables, and as BIF resources in the jar
 * ({@code org/causalheads/bn/NAME.bif}) so notebooks can load them without files.
 */
public final class Networks {

    /** Provenance comment written at the top of the shipped {@code asia.bif}. */
    public static final String ASIA_SOURCE = String.join("\n",
            "Asia (chest clinic) network, written by causal-heads from Networks.asia().",
            "Probabilities as published in S. L. Lauritzen and D. J. Spiegelhalter (1988),",
            "\"Local computations with probabilities on graphical structures and their application",
            "to expert systems\", J. Royal Statistical Society B 50(2), 157-224.",
            "Names, state order and parent order as in the bnlearn repository's asia.bif.",
            "'either' is deterministic (lung OR tub): the distribution is not positive.");

    private Networks() {
    }

    /**
     * The "Asia" (chest clinic) network of Lauritzen and Spiegelhalter, with the probabilities
     * published in: S. L. Lauritzen and D. J. Spiegelhalter (1988), "Local computations with
     * probabilities on graphical structures and their application to expert systems", Journal of
     * the Royal Statistical Society, Series B 50(2), 157-224. Variable names, state order
     * ({@code yes} first), declaration order and parent order follow the bnlearn repository's
     * {@code asia.bif}, against which the tables were checked.
     *
     * <p>{@code either} (tuberculosis or lung cancer) is the logical OR of {@code lung} and
     * {@code tub}: a deterministic node. The joint distribution is therefore not positive: methods
     * or estimators that assume positivity (faithfulness-based tests conditioning on {@code either}
     * together with {@code lung} or {@code tub}, log-ratios of empirical joints, KG-MI without
     * smoothing) meet zero cells and deterministic relations; smooth counts, or expect these edges
     * to be hard to recover.
     */
    public static BayesNet asia() {
        List<String> yn = List.of("yes", "no");
        return BayesNet.builder("asia")
                .variable("asia", yn)    // visit to Asia
                .variable("tub", yn)     // tuberculosis
                .variable("smoke", yn)   // smoker
                .variable("lung", yn)    // lung cancer
                .variable("bronc", yn)   // bronchitis
                .variable("either", yn)  // tuberculosis or lung cancer
                .variable("xray", yn)    // positive chest X-ray
                .variable("dysp", yn)    // dyspnoea
                .root("asia", 0.01, 0.99)
                .cpt("tub", List.of("asia"), new double[][] {{0.05, 0.95}, {0.01, 0.99}})
                .root("smoke", 0.5, 0.5)
                .cpt("lung", List.of("smoke"), new double[][] {{0.1, 0.9}, {0.01, 0.99}})
                .cpt("bronc", List.of("smoke"), new double[][] {{0.6, 0.4}, {0.3, 0.7}})
                .cpt("either", List.of("lung", "tub"), new double[][] {
                        {1.0, 0.0}, // lung yes, tub yes
                        {1.0, 0.0}, // lung yes, tub no
                        {1.0, 0.0}, // lung no,  tub yes
                        {0.0, 1.0}, // lung no,  tub no
                })
                .cpt("xray", List.of("either"), new double[][] {{0.98, 0.02}, {0.05, 0.95}})
                .cpt("dysp", List.of("bronc", "either"), new double[][] {
                        {0.9, 0.1}, // bronc yes, either yes
                        {0.8, 0.2}, // bronc yes, either no
                        {0.7, 0.3}, // bronc no,  either yes
                        {0.1, 0.9}, // bronc no,  either no
                })
                .build();
    }

    /**
     * Reads a network shipped as a resource {@code org/causalheads/bn/NAME.bif}, e.g.
     * {@code resource("asia")}.
     *
     * @throws IllegalArgumentException if there is no such resource
     */
    public static BayesNet resource(String name) {
        String path = name.endsWith(".bif") ? name : name + ".bif";
        try (InputStream in = Networks.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no network resource '" + path + "' in package org.causalheads.bn;"
                        + " shipped: [asia]");
            }
            return Bif.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
