package org.causalheads.notebook;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables for notebooks: built from records, rendered as bounded, aligned HTML.
 */
public final class Tables {

    /** Rows shown by {@link #html(Table)} before the table is cut with an ellipsis row. */
    public static final int DEFAULT_MAX_ROWS = 30;

    private Tables() {
    }

    /**
     * A table with one column per record component (ints, longs, doubles and booleans keep
     * their type; anything else is shown through {@code toString}) and one row per record.
     *
     * @throws IllegalArgumentException if {@code rows} is empty or its elements are not records
     */
    public static Table fromRecords(String name, List<? extends Record> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("fromRecords needs at least one record, got "
                    + (rows == null ? "null" : "an empty list"));
        }
        Class<?> type = rows.get(0).getClass();
        RecordComponent[] parts = type.getRecordComponents();
        Table t = Table.create(name);
        for (RecordComponent c : parts) {
            Class<?> k = c.getType();
            Column<?> col;
            if (k == int.class || k == Integer.class) {
                col = IntColumn.create(c.getName());
            } else if (k == long.class || k == Long.class) {
                col = LongColumn.create(c.getName());
            } else if (k == double.class || k == Double.class || k == float.class || k == Float.class) {
                col = DoubleColumn.create(c.getName());
            } else if (k == boolean.class || k == Boolean.class) {
                col = BooleanColumn.create(c.getName());
            } else {
                col = StringColumn.create(c.getName());
            }
            t.addColumns(col);
        }
        for (Record r : rows) {
            if (r.getClass() != type) {
                throw new IllegalArgumentException("all rows must be " + type.getSimpleName()
                        + " records, got a " + r.getClass().getSimpleName());
            }
            for (int i = 0; i < parts.length; i++) {
                Object v;
                try {
                    v = parts[i].getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read component " + parts[i].getName(), e);
                }
                Column<?> col = t.column(i);
                if (col instanceof IntColumn ic) {
                    ic.append(((Number) v).intValue());
                } else if (col instanceof LongColumn lc) {
                    lc.append(((Number) v).longValue());
                } else if (col instanceof DoubleColumn dc) {
                    dc.append(((Number) v).doubleValue());
                } else if (col instanceof BooleanColumn bc) {
                    bc.append((Boolean) v);
                } else {
                    ((StringColumn) col).append(String.valueOf(v));
                }
            }
        }
        return t;
    }

    /** {@link #html(Table, int)} with {@link #DEFAULT_MAX_ROWS}. */
    public static String html(Table table) {
        return html(table, DEFAULT_MAX_ROWS);
    }

    /**
     * An HTML rendering: a caption with the table's name and shape, numbers right-aligned with
     * four significant digits, at most {@code maxRows} rows (first and last halves, with an
     * ellipsis row between).
     */
    public static String html(Table table, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        }
        int n = table.rowCount();
        int cols = table.columnCount();
        StringBuilder sb = new StringBuilder(256 + n * cols * 16);
        sb.append("<table class=\"causal-heads\" style=\"border-collapse:collapse;font-size:90%\">");
        sb.append("<caption style=\"text-align:left;font-weight:bold\">")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(" <span style=\"font-weight:normal;color:#666\">(")
                .append(n).append(" rows × ").append(cols).append(" columns)</span></caption>");
        sb.append("<thead><tr>");
        for (int c = 0; c < cols; c++) {
            sb.append("<th style=\"text-align:").append(align(table.column(c))).append(";padding:2px 8px;border-bottom:1px solid #999\">")
                    .append(escape(table.column(c).name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int head = n <= maxRows ? n : maxRows / 2;
        int tailStart = n <= maxRows ? n : n - (maxRows - head);
        for (int r = 0; r < n; r++) {
            if (r == head && tailStart > head) {
                sb.append("<tr><td colspan=\"").append(cols).append("\" style=\"text-align:center;color:#666\">… ")
                        .append(tailStart - head).append(" rows …</td></tr>");
                r = tailStart - 1;
                continue;
            }
            sb.append("<tr>");
            for (int c = 0; c < cols; c++) {
                Column<?> col = table.column(c);
                sb.append("<td style=\"text-align:").append(align(col)).append(";padding:2px 8px;font-family:monospace\">")
                        .append(escape(cell(col, r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    static String cell(Column<?> col, int row) {
        if (col.isMissing(row)) {
            return "";
        }
        Object v = col.get(row);
        if (v instanceof Double d) {
            return format(d);
        }
        if (v instanceof Float f) {
            return format(f.doubleValue());
        }
        return String.valueOf(v);
    }

    /** Four significant digits, plain notation between 1e-3 and 1e6, scientific outside. */
    public static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString((long) d);
        }
        double a = Math.abs(d);
        if (a >= 1e-3 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.4g", d);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", d);
    }

    private static String align(Column<?> col) {
        ColumnType t = col.type();
        return t.equals(ColumnType.STRING) || t.equals(ColumnType.BOOLEAN) ? "left" : "right";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
