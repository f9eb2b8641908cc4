package io.notifier.bench.hanging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void readsSamplesAsAStepFunction() {
    Timeline timeline = new Timeline();
    timeline.add(0, 10);
    timeline.add(10, 20);
    timeline.add(30, 0);

    // 10 for [0, 10), 20 for [10, 30), 0 for [30, 40]
    assertThat(timeline.mean(0, 40)).isEqualTo((10 * 10 + 20 * 20) / 40.0);
    assertThat(timeline.mean(5, 15)).isEqualTo((10 * 5 + 20 * 5) / 10.0);
    assertThat(timeline.max(0, 40)).isEqualTo(20);
    assertThat(timeline.min(0, 20)).isEqualTo(10);
  }

  @Test
  void hasNoMeanBeforeItsFirstSample() {
    Timeline timeline = new Timeline();
    timeline.add(20, 4);

    assertThat(timeline.mean(0, 10)).isNaN();
    assertThat(timeline.mean(0, 40)).isEqualTo(4);
  }
}
