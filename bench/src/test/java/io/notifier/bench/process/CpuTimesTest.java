package io.notifier.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CpuTimesTest {

  private static final long ME = ProcessHandle.current().pid();

  /**
   * A child that works and ends during the measurement counts in its parent's tree (its time is
   * reaped into the parent's cutime), not in the parent alone.
   */
  @Test
  void aTreeCountsTheTimeOfAChildThatEndedDuringTheMeasurement() throws Exception {
    CpuTimes alone = new CpuTimes("me=" + ME).start();
    CpuTimes tree = new CpuTimes("", "me=" + ME).start();

    Process child =
        new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done").start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    double childMs = child.info().totalCpuDuration().map(d -> d.toMillis() * 1.0).orElse(0.0);

    ObjectNode ofTree = tree.perUnit(1);
    ObjectNode ofAlone = alone.perUnit(1);
    assertThat(ofTree.path("me").asDouble() - ofAlone.path("me").asDouble())
        .as("the child's CPU, %s ms by its own count if still known", childMs)
        .isGreaterThan(100);
  }

  @Test
  void severalPidsUnderOneNameAreSummedAndTheDriverIsAdded() {
    ObjectNode figures = new CpuTimes("both=" + ME + "+" + ME).start().perUnit(1);

    assertThat(figures.has("both")).isTrue();
    assertThat(figures.has("driver")).isTrue();
    assertThat(figures.path("total").asDouble()).isNotNaN();
  }
}
