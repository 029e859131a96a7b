package io.camarad.upkeep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A left-aligned text table with a dimmed header row, for the listing commands. A row may be
 * followed by a free line (a value too long for its column), which does not widen the columns.
 */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final java.util.Map<Integer, String> linesBelow = new java.util.HashMap<>();

  TextTable(String... header) {
    this.header = List.of(header);
  }

  TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " cells");
    }
    rows.add(List.of(cells));
    return this;
  }

  /** A line printed as it is under the last row added. */
  TextTable below(String line) {
    linesBelow.put(rows.size() - 1, line);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out, Palette palette) {
    int[] widths = widths();
    out.println(palette.dim(line(header, widths)));
    for (int i = 0; i < rows.size(); i++) {
      out.println(line(rows.get(i), widths));
      if (linesBelow.containsKey(i)) {
        out.println(linesBelow.get(i));
      }
    }
  }

  private int[] widths() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    return widths;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      boolean last = i == cells.size() - 1;
      line.append(last ? cells.get(i) : ReportTable.pad(cells.get(i), widths[i]) + "  ");
    }
    return line.toString().stripTrailing();
  }
}
