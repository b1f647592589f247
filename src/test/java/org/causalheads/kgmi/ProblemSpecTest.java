package org.causalheads.kgmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.causalheads.info.FDivergence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemSpecTest {

    @TempDir
    Path dir;

    @Test
    void writtenSpecReadsBackToTheSameProblem() throws Exception {
        Problem p = Problem.builder().length(12).states(4).parents(3).lambda(0.5, 0.3, 0.2).strength(0.7).extraRoots(2).seed(5).build();
        Path f = dir.resolve("sub/p.json");
        p.writeSpec(f);
        Problem q = Problem.readSpec(f);
        assertThat(q.dag()).isEqualTo(p.dag());
        assertThat(q.process().lambda()).isEqualTo(p.process().lambda());
        assertThat(q.process().mu()).isEqualTo(p.process().mu());
        assertThat(q.process().kernels()).isEqualTo(p.process().kernels());
        assertThat(q.provenance().parameters().get("origin")).contains("seed=5");
        assertThat(Experiment.on(q).run().stopEpoch()).isEqualTo(Experiment.on(p).run().stopEpoch());
        assertThat(Files.readString(f)).contains("\"parents\": [null, null, null");
    }

    @Test
    void muIsOptional() {
        String json = "{\"S\":2,\"K\":1,\"lambda\":[1],\"kernels\":[[[0.9,0.1],[0.2,0.8]]],\"parents\":[null,[0],[1]]}";
        Problem p = ProblemSpec.parse(json);
        assertThat(p.process().mu()[0]).isGreaterThan(0.5);
        assertThat(p.tables(FDivergence.KL).length()).isEqualTo(3);
    }

    private static final String OK_KERNEL = "[[0.5,0.5],[0.5,0.5]]";

    private static String spec(String s, String k, String lambda, String kernels, String parents) {
        return "{\"S\":" + s + ",\"K\":" + k + ",\"lambda\":" + lambda + ",\"kernels\":" + kernels + ",\"parents\":" + parents + "}";
    }

    @Test
    void malformedSpecsNameTheField() {
        assertThatThrownBy(() -> ProblemSpec.parse("{\"S\": 2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ProblemSpec.parse("{\"K\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing field \"S\"");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("1", "1", "[1]", "[" + OK_KERNEL + "]", "[null,[0]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"S\" = 1");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "\"two\"", "[1]", "[" + OK_KERNEL + "]", "[null,[0]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"K\" = \"two\"");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "1", "[0.5,0.5]", "[" + OK_KERNEL + "]", "[null,[0]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"lambda\" has 2 weights");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "1", "[1]", "[[[0.5,0.6],[0.5,0.5]]]", "[null,[0]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernels[0]").hasMessageContaining("sums to 1.1");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "1", "[1]", "[" + OK_KERNEL + "]", "[null,[1]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parents").hasMessageContaining("parent 1 of node 1");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "1", "[1]", "[" + OK_KERNEL + "]", "[null,[\"a\"]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parents[1][0]");
        assertThatThrownBy(() -> ProblemSpec.parse(spec("2", "1", "[1]", "[" + OK_KERNEL + "]", "[null,[0]]").replace("}", ",\"mu\":[0.3,0.7]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not keep mu stationary");
    }
}
