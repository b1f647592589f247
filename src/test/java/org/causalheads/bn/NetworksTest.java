package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void asiaFactoryEqualsTheShippedResource() {
        assertThat(Networks.resource("asia")).isEqualTo(Networks.asia());
    }

    @Test
    void asiaFactoryMatchesTheBnlearnFile() throws IOException {
        BayesNet shared = Bif.read(SharedData.bif("asia"));
        assertThat(Networks.asia().isEquivalent(shared, 0.0)).isTrue();
    }

    @Test
    void asiaHasTheDeterministicOrNode() {
        BayesNet asia = Networks.asia();
        int either = asia.indexOf("either");
        assertThat(asia.isPositive()).isFalse();
        assertThat(asia.deterministicNodes()).contains(either);
        // either = lung OR tub, slots in the bnlearn order (lung, tub)
        assertThat(asia.parents(either)).containsExactly(asia.indexOf("lung"), asia.indexOf("tub"));
        for (int lung = 0; lung < 2; lung++) {
            for (int tub = 0; tub < 2; tub++) {
                boolean yes = lung == 0 || tub == 0;
                assertThat(asia.row(either, lung, tub)).containsExactly(yes ? 1.0 : 0.0, yes ? 0.0 : 1.0);
            }
        }
    }

    @Test
    void unknownResourceIsReported() {
        assertThatThrownBy(() -> Networks.resource("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.bif");
    }
}
