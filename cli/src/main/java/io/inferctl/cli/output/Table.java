package io.inferctl.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Columns padded to their widest cell, as kubectl prints them; colour is added after padding so it does not count. */
final class Table {

    private static final String GAP = "   ";

    private Table() {
    }

    static void write(PrintWriter out, List<String> header, List<List<String>> rows, UnaryOperator<String> paint) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder();
            List<String> row = all.get(r);
            for (int i = 0; i < widths.length; i++) {
                String text = cell(row, i);
                boolean last = i == widths.length - 1;
                line.append(r == 0 || text.isEmpty() ? text : paint.apply(text));
                if (!last) {
                    line.append(" ".repeat(widths[i] - text.length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(List<String> row, int i) {
        String text = i < row.size() ? row.get(i) : null;
        return text == null ? "" : text.replace('\n', ' ');
    }
}
