package io.notifier.bench.process;

import io.notifier.bench.http.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/** Memory of the processes under test: a JVM's heap and any process's resident set. */
public final class ProcessFigures {

  private static final double MIB = 1024 * 1024;

  private ProcessFigures() {}

  /**
   * A Spring Boot service's heap from its actuator, as it is and, when its pid is known, after a
   * full GC ({@code jcmd <pid> GC.run}): what is held, not what awaits collection.
   */
  public static ObjectNode heap(Api service, long pid) {
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("heap_used_mib", round(metric(service, "jvm.memory.used") / MIB));
    figures.put("heap_committed_mib", round(metric(service, "jvm.memory.committed") / MIB));
    if (pid > 0 && fullGc(pid)) {
      figures.put("heap_used_after_gc_mib", round(metric(service, "jvm.memory.used") / MIB));
    }
    rssMib(pid).ifPresent(rss -> figures.put("rss_mib", round(rss)));
    return figures;
  }

  private static double metric(Api service, String name) {
    Api.Response response = service.get("/actuator/metrics/" + name + "?tag=area:heap");
    return response.body().path("measurements").get(0).path("value").asDouble();
  }

  private static boolean fullGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process gc =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** VmRSS of a process, from /proc (Linux). */
  public static OptionalDouble rssMib(long pid) {
    if (pid <= 0) {
      return OptionalDouble.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalDouble.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no such process, or no /proc: the figure is left out
    }
    return OptionalDouble.empty();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
