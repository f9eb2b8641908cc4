package io.notifier.system;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The default run: the embedded Temporal from temporal-dev and H2 database files. */
final class EmbeddedStack extends NotifierStack {

  private final int temporalPort = FreePorts.find();
  private final Path dataDir;
  private ServiceProcess temporal;

  EmbeddedStack(String name) {
    super(name);
    try {
      dataDir = Files.createTempDirectory("notifier-h2-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  void startTemporal() {
    temporal =
        startJar(
            "temporal-dev",
            List.of(String.valueOf(temporalPort)),
            () -> FreePorts.listening(temporalPort));
  }

  @Override
  String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  @Override
  List<String> databaseArguments(String service) {
    return List.of("--notify.data-dir=" + dataDir);
  }

  @Override
  void stopTemporal() {
    if (temporal != null) {
      temporal.stop();
    }
  }
}
