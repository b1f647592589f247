package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesTest {

    record Row(String method, int n, double f1, boolean ok) {
    }

    @Test
    void recordsBecomeTypedColumns() {
        Table t = Tables.fromRecords("scores", List.of(new Row("kg-mi", 100, 0.5, true), new Row("mi", 200, 0.25, false)));
        assertThat(t.columnNames()).containsExactly("method", "n", "f1", "ok");
        assertThat(t.column("n").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.column("f1").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.column("ok").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.doubleColumn("f1").get(1)).isEqualTo(0.25);
    }

    @Test
    void emptyRecordListIsRejectedWithTheReason() {
        assertThatThrownBy(() -> Tables.fromRecords("x", List.<Row>of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void htmlIsBoundedEscapedAndAligned() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Row("<m" + i + ">", i, i / 3.0, i % 2 == 0));
        }
        String html = Tables.html(Tables.fromRecords("big & wide", rows), 10);
        int bodyRows = html.split("<tr>", -1).length - 1 - 1; // minus the header row
        assertThat(bodyRows).isEqualTo(10 + 1); // 10 data rows and one ellipsis row
        assertThat(html).contains("… 90 rows …").contains("big &amp; wide").contains("&lt;m0&gt;")
                .doesNotContain("<m0>").contains("100 rows × 4 columns");
        assertThat(html).contains("text-align:right;padding:2px 8px;font-family:monospace\">99<");
    }

    @Test
    void smallTablesAreShownWhole() {
        String html = Tables.html(Tables.fromRecords("s", List.of(new Row("a", 1, 1.0, true))));
        assertThat(html).doesNotContain("rows …");
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertThat(Tables.format(3.14159265)).isEqualTo("3.142");
        assertThat(Tables.format(0.5)).isEqualTo("0.5");
        assertThat(Tables.format(12.0)).isEqualTo("12");
        assertThat(Tables.format(1.5e-7)).isEqualTo("1.500e-07");
        assertThat(Tables.format(Double.NaN)).isEqualTo("NaN");
    }
}
