package io.notifier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's tctl lines, as an operator copies them: the shell lines of its section "With tctl",
 * read the way a shell reads them (quotes, a trailing comment, a backslash going on to the next
 * line). The tests run these lines and no copy of them, so that the README and what is tested
 * cannot drift apart.
 */
final class TctlRunbook {

  static final String SECTION = "### With tctl";

  /** One tctl line: its text in the README, and its arguments after {@code tctl}. */
  record Line(String text, List<String> arguments) {

    /** The line's words one space apart, whatever the README aligns. */
    String words() {
      return "tctl " + String.join(" ", arguments);
    }

    /** The arguments with {@code <txNo>} replaced, as an operator fills in the line. */
    List<String> forTxNo(String txNo) {
      return arguments.stream().map(argument -> argument.replace("<txNo>", txNo)).toList();
    }

    /** The value of {@code option} on the line, such as the query of {@code --query}. */
    String option(String option) {
      int at = arguments.indexOf(option);
      if (at < 0 || at + 1 >= arguments.size()) {
        throw new IllegalStateException("The README's line `" + text + "` has no " + option);
      }
      return arguments.get(at + 1);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, String> exported = new LinkedHashMap<>();

  private TctlRunbook(List<String> readme) {
    boolean inSection = false;
    boolean inShell = false;
    StringBuilder pending = new StringBuilder();
    for (String line : readme) {
      if (!inShell && line.startsWith("#")) {
        inSection = line.strip().equals(SECTION);
      } else if (inSection && line.startsWith("```")) {
        inShell = !inShell && line.strip().equals("```bash");
      } else if (inSection && inShell) {
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        String command = pending.append(line).toString().strip();
        pending.setLength(0);
        read(command, words(command));
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalStateException("The README has no tctl line under `" + SECTION + "`");
    }
  }

  private void read(String command, List<String> words) {
    if (words.isEmpty()) {
      return;
    }
    if (words.getFirst().equals("tctl")) {
      lines.add(
          new Line(command.replaceAll("\\s+#.*$", "").strip(), words.subList(1, words.size())));
    } else if (words.getFirst().equals("export")) {
      for (String assignment : words.subList(1, words.size())) {
        int equals = assignment.indexOf('=');
        exported.put(assignment.substring(0, equals), assignment.substring(equals + 1));
      }
    }
  }

  /** The README of the project (the services' jars are built under it). */
  static TctlRunbook ofTheReadme() {
    Path readme = Path.of(System.getProperty("notify.jars", "..")).resolve("README.md");
    try {
      return new TctlRunbook(Files.readAllLines(readme));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The one tctl line whose words start with {@code start}, such as {@code tctl workflow show}. */
  Line line(String start) {
    List<Line> found = lines.stream().filter(line -> line.words().startsWith(start)).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "The README has %d tctl lines starting `%s` under `%s`: %s"
              .formatted(found.size(), start, SECTION, found));
    }
    return found.getFirst();
  }

  /** What the section's {@code export} line sets: the variables tctl speaks TLS with. */
  Map<String, String> exported() {
    return Map.copyOf(exported);
  }

  /**
   * The same, run from {@code projectFolder} as the README says: its relative paths (the
   * certificates) resolved against it. A stack over mTLS gives tctl these.
   */
  Map<String, String> exported(Path projectFolder) {
    Map<String, String> resolved = new LinkedHashMap<>();
    exported.forEach(
        (name, value) ->
            resolved.put(
                name, value.contains("/") ? projectFolder.resolve(value).toString() : value));
    return resolved;
  }

  /**
   * The words of a shell line: split at blanks outside quotes, the quotes removed, a backslash
   * outside single quotes taking the next character as it is, a word starting {@code #} ending the
   * line.
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalStateException("An unclosed quote in the README's line `" + line + "`");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
