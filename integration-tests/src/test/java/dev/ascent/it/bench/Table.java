package dev.ascent.it.bench;

import java.util.List;
import java.util.function.IntPredicate;

/** The benchmarks' printed tables: Markdown, the columns padded to their widest cell. */
final class Table {

    private Table() {
    }

    /**
     * The rows as a Markdown table, the first being the header (left-aligned); in the others a column is
     * left-aligned where {@code left} says so, right-aligned (figures) otherwise.
     */
    static String markdown(List<String[]> rows, IntPredicate left) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            b.append('|');
            for (int i = 0; i < columns; i++) {
                String cell = rows.get(r)[i];
                String pad = " ".repeat(width[i] - cell.length());
                b.append(' ').append(r == 0 || left.test(i) ? cell + pad : pad + cell).append(" |");
            }
            b.append('\n');
            if (r == 0) {
                b.append('|');
                for (int w : width) {
                    b.append("-".repeat(w + 2)).append('|');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }
}
