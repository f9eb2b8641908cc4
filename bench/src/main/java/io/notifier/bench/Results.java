package io.notifier.bench;

import io.notifier.bench.http.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of one run of one stack, in one JSON file that each step of bench/run.sh adds its
 * section to, so that runs can be compared (and the table printed) from the file alone.
 */
final class Results {

  private final Path file;
  private final ObjectNode root;

  private Results(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  static Results open(Path file) {
    if (Files.exists(file)) {
      return new Results(file, (ObjectNode) Api.JSON.readTree(file.toFile()));
    }
    return new Results(file, Api.JSON.createObjectNode());
  }

  ObjectNode root() {
    return root;
  }

  JsonNode section(String name) {
    return root.path(name);
  }

  void put(String section, JsonNode figures) {
    root.set(section, figures);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          Api.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
