package org.causalheads.bn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @TempDir
    Path dir;

    @Test
    void requiredOnCiOrWhenAsked() {
        assertThat(SharedData.required("true", null)).isTrue();
        assertThat(SharedData.required("TRUE", "false")).isTrue();
        assertThat(SharedData.required(null, "true")).isTrue();
        assertThat(SharedData.required(null, null)).isFalse();
        assertThat(SharedData.required("false", "")).isFalse();
        assertThat(SharedData.required("", null)).isFalse();
    }

    @Test
    void foundBesideAnAncestorOfTheWorkingDirectory() throws Exception {
        Path bn = Files.createDirectories(dir.resolve("shared").resolve("data").resolve("bnlearn"));
        Files.writeString(bn.resolve("asia.bif"), "network unknown {\n}\n");
        Path clone = Files.createDirectories(dir.resolve("clone").resolve("sub"));
        List<Path> c = SharedData.candidates(null, clone);
        assertThat(SharedData.bif("asia", c, true)).isEqualTo(bn.resolve("asia.bif"));
        assertThat(SharedData.bif("asia", SharedData.candidates(dir.toString(), dir.resolve("clone")), true))
                .as("via the property, pointing at the folder holding bnlearn/").isEqualTo(bn.resolve("asia.bif"));
    }

    @Test
    void absentFilesFailWhenRequiredNamingWhereItLookedAndSkipOtherwise() throws Exception {
        Path clone = Files.createDirectories(dir.resolve("clone"));
        List<Path> c = SharedData.candidates(dir.resolve("nowhere").toString(), clone);
        assertThat(c).contains(clone.resolve("shared/data/bnlearn"), dir.resolve("shared/data/bnlearn"),
                dir.resolve("nowhere").resolve("bnlearn"));
        assertThatThrownBy(() -> SharedData.bif("child", c, true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("child.bif").hasMessageContaining(dir.resolve("shared/data/bnlearn").toString())
                .hasMessageContaining(dir.resolve("nowhere").toString());
        assertThatThrownBy(() -> SharedData.bif("child", c, false)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("child.bif");
    }
}
