package io.notifier.bench.process;

import io.notifier.bench.http.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the CPU goes: the user + system time each process under test (and the driver, which shares
 * the machine) spends during a measurement, from {@code /proc/<pid>/stat}, per unit of work. On a
 * machine of two cores, the sum over all of them is the budget.
 */
public final class CpuTimes {

  /**
   * Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on every usual kernel.
   */
  private static final double TICKS_PER_SECOND = 100;

  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, Double> before = new LinkedHashMap<>();

  /**
   * @param pids {@code name=pid,name=pid}, as bench/run.sh passes them; the driver is added
   */
  public CpuTimes(String pids) {
    for (String entry : pids.split(",")) {
      String[] nameAndPid = entry.split("=");
      if (nameAndPid.length == 2) {
        this.pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
      }
    }
    this.pids.put("driver", ProcessHandle.current().pid());
  }

  public CpuTimes start() {
    pids.forEach((name, pid) -> before.put(name, seconds(pid)));
    return this;
  }

  /** CPU milliseconds per unit of work since {@link #start}, by process, and their total. */
  public ObjectNode perUnit(int units) {
    ObjectNode figures = Api.JSON.createObjectNode();
    double total = 0;
    for (var entry : pids.entrySet()) {
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

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name, in parentheses, may hold spaces; the fields after it are fixed.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
