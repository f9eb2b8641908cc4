package io.notifier.temporaldev;

import io.notifier.workflows.NotifySearchAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar temporal-dev-exec.jar}:
 *
 * <ul>
 *   <li>{@code embedded [port]} (or just {@code [port]}) runs the embedded Temporal, in memory;
 *   <li>{@code dev-server-command --cli PATH [--port N] [--ui-port N] [--db FILE] [--synchronous
 *       normal|full]} prints the command line of the real dev server, one argument per line, for
 *       {@code dev-server.sh}; its history file synced at every commit unless {@code --synchronous
 *       normal} ({@link DevServer.Durability});
 *   <li>{@code dev-server-retention-command} (same options) prints the command that sets the
 *       namespace's retention once it serves;
 *   <li>{@code search-attributes}, {@code retention} and {@code dynamic-config} print the same
 *       settings for a server started otherwise ({@code scripts/temporal-cluster.sh}): one {@code
 *       Name=Keyword} line per search attribute, the retention ({@code 168h}), and one {@code
 *       key=value} line per dynamic setting.
 * </ul>
 */
public final class TemporalDev {

  private TemporalDev() {}

  public static void main(String[] args) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(args));
    String mode = arguments.isEmpty() ? "embedded" : arguments.getFirst();
    if (mode.equals("dev-server-command")) {
      devServer(arguments.subList(1, arguments.size())).command().forEach(System.out::println);
    } else if (mode.equals("dev-server-retention-command")) {
      devServer(arguments.subList(1, arguments.size()))
          .retentionCommand()
          .forEach(System.out::println);
    } else if (mode.equals("search-attributes")) {
      NotifySearchAttributes.ALL.forEach(key -> System.out.println(key.getName() + "=Keyword"));
    } else if (mode.equals("retention")) {
      System.out.println(DevServer.RETENTION);
    } else if (mode.equals("dynamic-config")) {
      DevServer.DYNAMIC_CONFIG.forEach(System.out::println);
    } else if (mode.equals("embedded")) {
      EmbeddedTemporal.main(arguments.stream().skip(1).toArray(String[]::new));
    } else {
      EmbeddedTemporal.main(args);
    }
  }

  private static DevServer devServer(List<String> options) {
    Path cli = null;
    Path db = null;
    int port = 7233;
    int uiPort = 8233;
    DevServer.Durability durability = DevServer.Durability.POWER_CUT;
    for (int i = 0; i + 1 < options.size(); i += 2) {
      String value = options.get(i + 1);
      switch (options.get(i)) {
        case "--cli" -> cli = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--ui-port" -> uiPort = Integer.parseInt(value);
        case "--db" -> db = Path.of(value);
        case "--synchronous" -> durability = DevServer.Durability.synchronous(value);
        default -> throw new IllegalArgumentException("unknown option " + options.get(i));
      }
    }
    if (cli == null) {
      throw new IllegalArgumentException("--cli PATH is required");
    }
    return new DevServer(cli, port, uiPort, db, durability);
  }
}
