package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;

class SweepsTest {

    record Run(String method, int n, long seed, double f1) {
    }

    private static final Table SWEEP = Tables.fromRecords("sweep", List.of(
            new Run("a", 100, 1, 0.5), new Run("a", 100, 2, 0.7), new Run("a", 1000, 1, 1.0),
            new Run("b", 100, 1, 0.1), new Run("b", 100, 2, 0.3)));

    @Test
    void rowsSelectByMethodAndSampleSize() {
        assertThat(Sweeps.rows(SWEEP, "a").rowCount()).isEqualTo(3);
        Table a100 = Sweeps.rows(SWEEP, "a", 100);
        assertThat(a100.rowCount()).isEqualTo(2);
        assertThat(a100.stringColumn("method").asList()).containsOnly("a");
        assertThat(a100.intColumn("n").asList()).containsOnly(100);
    }

    @Test
    void theMeanOfASummaryIsTheMeanOfItsRuns() {
        Table summary = SWEEP.summarize("f1", AggregateFunctions.mean).by("method", "n");
        for (String m : List.of("a", "b")) {
            double direct = Sweeps.rows(SWEEP, m, 100).doubleColumn("f1").mean();
            assertThat(Sweeps.mean(summary, m, 100, "f1")).isCloseTo(direct, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(Sweeps.value(SWEEP, "a", 1000, "f1")).isEqualTo(1.0);
    }

    @Test
    void aMissingOrRepeatedKeyIsNamed() {
        assertThatThrownBy(() -> Sweeps.value(SWEEP, "c", 100, "f1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method c at n = 100, found 0");
        assertThatThrownBy(() -> Sweeps.value(SWEEP, "a", 100, "f1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 2");
    }
}
