package io.camarad.upkeep.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, an optional {@code
 * export} prefix, values optionally in single or double quotes. Values are never logged.
 */
final class DotEnv {
  private static final Pattern LINE =
      Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");

  private DotEnv() {}

  /** The variables of the file, or none if it does not exist; bad lines become problems. */
  static Map<String, String> read(Path file, List<ConfigProblem> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(new ConfigProblem(file.getFileName().toString(), "", "cannot read: " + e));
      return values;
    }
    for (int i = 0; i < lines.size(); i++) {
      readLine(file, i + 1, lines.get(i).strip(), values, problems);
    }
    return values;
  }

  private static void readLine(
      Path file, int number, String line, Map<String, String> values, List<ConfigProblem> out) {
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    Matcher matcher = LINE.matcher(line);
    if (!matcher.matches()) {
      out.add(
          new ConfigProblem(
              file.getFileName() + ":" + number,
              "",
              "not a NAME=value line; write it as NAME=value (the value is not shown here)"));
      return;
    }
    values.put(matcher.group(1), unquote(matcher.group(2).strip()));
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if ((first == '"' || first == '\'') && first == last) {
        return value.substring(1, value.length() - 1);
      }
    }
    int comment = value.indexOf(" #");
    return comment >= 0 ? value.substring(0, comment).strip() : value;
  }
}
