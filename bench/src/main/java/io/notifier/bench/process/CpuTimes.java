package io.notifier.bench.process;

import io.notifier.bench.http.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the CPU goes: the user + system time each process under test (and the driver, which shares
 * the machine) spends during a measurement, from {@code /proc/<pid>/stat}, per unit of work. On a
 * machine of two cores, the sum over all of them is the budget.
 *
 * <p>A name may stand for several processes ({@code name=pid+pid}), their times summed, and for
 * process trees ({@link #CpuTimes(String, String)}): a process and all its descendants, such as
 * PostgreSQL's postmaster and its backends or nginx's master and workers. A tree counts its
 * processes' own times and the times of the children they reaped ({@code cutime}, {@code cstime}):
 * a backend that ends during the measurement leaves its time with its parent, not nowhere.
 */
public final class CpuTimes {

  /**
   * Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on every usual kernel.
   */
  private static final double TICKS_PER_SECOND = 100;

  private record Measured(List<Long> pids, boolean tree) {}

  private final Map<String, Measured> measured = new LinkedHashMap<>();
  private final Map<String, Double> before = new LinkedHashMap<>();

  /**
   * @param pids {@code name=pid,name=pid+pid}, as bench/run.sh passes them; the driver is added
   */
  public CpuTimes(String pids) {
    this(pids, "");
  }

  /**
   * @param pids {@code name=pid,name=pid+pid}: single processes
   * @param trees {@code name=pid,...}: each a process with all its descendants
   */
  public CpuTimes(String pids, String trees) {
    parse(pids, false);
    parse(trees, true);
    this.measured.put("driver", new Measured(List.of(ProcessHandle.current().pid()), false));
  }

  private void parse(String entries, boolean tree) {
    for (String entry : entries.split(",")) {
      String[] nameAndPids = entry.split("=");
      if (nameAndPids.length == 2 && !nameAndPids[1].isBlank()) {
        List<Long> pids =
            Stream.of(nameAndPids[1].split("\\+"))
                .filter(pid -> !pid.isBlank())
                .map(Long::parseLong)
                .toList();
        measured.put(nameAndPids[0], new Measured(pids, tree));
      }
    }
  }

  public CpuTimes start() {
    measured.forEach((name, processes) -> before.put(name, seconds(processes)));
    return this;
  }

  /** CPU milliseconds per unit of work since {@link #start}, by process, and their total. */
  public ObjectNode perUnit(int units) {
    return perUnit((double) units);
  }

  /**
   * CPU milliseconds per {@code units} since {@link #start}: per second of a window when given its
   * length in seconds.
   */
  public ObjectNode perUnit(double units) {
    ObjectNode figures = Api.JSON.createObjectNode();
    double total = 0;
    for (var entry : measured.entrySet()) {
      double spent = seconds(entry.getValue()) - before.getOrDefault(entry.getKey(), 0.0);
      total += spent;
      figures.put(entry.getKey(), round(spent * 1000 / units));
    }
    figures.put("total", round(total * 1000 / units));
    return figures;
  }

  /**
   * CPU seconds the whole machine has spent busy since boot, every process and the kernel (the
   * first line of /proc/stat: all but idle and iowait); NaN without /proc. The difference between
   * two readings, less the processes under test, is what others did meanwhile.
   */
  public static double machineBusySeconds() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double seconds(Measured processes) {
    double seconds = 0;
    for (long pid : processes.pids()) {
      if (!processes.tree()) {
        seconds += seconds(pid, false);
        continue;
      }
      seconds += seconds(pid, true);
      for (ProcessHandle descendant :
          ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).toList()) {
        double own = seconds(descendant.pid(), true);
        seconds += Double.isNaN(own) ? 0 : own; // it ended between the listing and the reading
      }
    }
    return seconds;
  }

  /** utime + stime, and with {@code reaped} cutime + cstime: its children that ended. */
  private static double seconds(long pid, boolean reaped) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name, in parentheses, may hold spaces; the fields after it are fixed.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (reaped) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
