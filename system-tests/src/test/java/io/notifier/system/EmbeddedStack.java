package io.notifier.system;

import io.notifier.temporaldev.DevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The default run, as {@code ./run.sh} runs it: the Temporal dev server and H2 database files. */
final class EmbeddedStack extends NotifierStack {

  private final Path dataDir;

  EmbeddedStack(String name) {
    super(name, DevServer.Durability.KILLED_PROCESS);
    try {
      dataDir = Files.createTempDirectory("notifier-h2-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  List<String> databaseArguments(String service) {
    return List.of("--notify.data-dir=" + dataDir);
  }
}
