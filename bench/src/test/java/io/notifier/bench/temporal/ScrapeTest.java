package io.notifier.bench.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeTest {

  private static final String TEXT =
      """
      # HELP temporal_worker_task_slots_used
      # TYPE temporal_worker_task_slots_used gauge
      temporal_worker_task_slots_used{namespace="default",task_queue="notify",worker_type="WorkflowWorker"} 7.0
      temporal_worker_task_slots_used{namespace="default",task_queue="notify",worker_type="LocalActivityWorker"} 120.0
      temporal_workflow_task_schedule_to_start_latency_seconds_count{task_queue="notify"} 3
      temporal_workflow_task_schedule_to_start_latency_seconds_count{task_queue="sticky:x"} 2
      temporal_workflow_task_schedule_to_start_latency_seconds_bucket{task_queue="notify",le="0.1"} 1
      temporal_workflow_task_schedule_to_start_latency_seconds_bucket{task_queue="notify",le="+Inf"} 3
      temporal_workflow_task_schedule_to_start_latency_seconds_bucket{task_queue="sticky:x",le="0.1"} 2
      temporal_workflow_task_schedule_to_start_latency_seconds_bucket{task_queue="sticky:x",le="+Inf"} 2
      temporal_workflow_task_schedule_to_start_latency_seconds_max{task_queue="notify"} 1.5
      """;

  @Test
  void sumsSeriesByNameAndLabels() {
    Scrape scrape = Scrape.parse(TEXT, 0);

    assertThat(scrape.sum("temporal_worker_task_slots_used", Scrape.workerType("WorkflowWorker")))
        .isEqualTo(7.0);
    assertThat(scrape.sum("temporal_workflow_task_schedule_to_start_latency_seconds_count"))
        .isEqualTo(5.0);
    assertThat(
            scrape.max(
                "temporal_workflow_task_schedule_to_start_latency_seconds_max", labels -> true))
        .isEqualTo(1.5);
    assertThat(scrape.has("temporal_request_total")).isFalse();
  }

  @Test
  void addsUpBucketsOverSeries() {
    Scrape scrape = Scrape.parse(TEXT, 0);

    assertThat(scrape.buckets("temporal_workflow_task_schedule_to_start_latency_seconds"))
        .containsEntry(0.1, 3.0)
        .containsEntry(Double.POSITIVE_INFINITY, 5.0)
        .hasSize(2);
  }
}
