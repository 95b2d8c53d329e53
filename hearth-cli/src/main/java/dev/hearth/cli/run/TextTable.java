package dev.hearth.cli.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of text cells laid out in aligned columns, two spaces apart, with no trailing blanks. Widths
 * are counted in code points, so a ✓ takes one column; colors are applied after padding so escape
 * codes never count.
 */
public final class TextTable {

    /** One cell: its text and the colors to paint it with (none for plain). */
    public record Cell(String text, ConsoleStyle.Ansi... colors) {
        public Cell {
            text = text == null ? "" : text;
        }
    }

    private final List<String> header;
    private final List<Cell[]> rows = new ArrayList<>();

    /** A table with these column headings. */
    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row of plain texts; missing cells are empty. */
    public TextTable row(String... texts) {
        Cell[] cells = new Cell[header.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new Cell(i < texts.length ? texts[i] : "");
        }
        rows.add(cells);
        return this;
    }

    /** Adds a row of cells; missing cells are empty. */
    public TextTable row(Cell... cells) {
        Cell[] full = Arrays.copyOf(cells, header.size());
        for (int i = 0; i < full.length; i++) {
            if (full[i] == null) {
                full[i] = new Cell("");
            }
        }
        rows.add(full);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, header first, each line ending in a newline. */
    public String render(ConsoleStyle style) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(header.get(i));
            for (Cell[] row : rows) {
                widths[i] = Math.max(widths[i], width(row[i].text()));
            }
        }
        StringBuilder out = new StringBuilder();
        Cell[] head = new Cell[widths.length];
        for (int i = 0; i < head.length; i++) {
            head[i] = new Cell(header.get(i), ConsoleStyle.Ansi.BOLD);
        }
        line(head, widths, style, out);
        for (Cell[] row : rows) {
            line(row, widths, style, out);
        }
        return out.toString();
    }

    private static void line(Cell[] cells, int[] widths, ConsoleStyle style, StringBuilder out) {
        int last = cells.length - 1;
        while (last > 0 && cells[last].text().isEmpty()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            Cell c = cells[i];
            out.append(style.paint(c.text(), c.colors()));
            if (i < last) {
                out.repeat(' ', widths[i] - width(c.text()) + 2);
            }
        }
        out.append('\n');
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
