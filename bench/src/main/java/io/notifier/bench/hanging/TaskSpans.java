package io.notifier.bench.hanging;

import com.google.protobuf.util.Timestamps;
import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workflow tasks of some workflows as the server recorded them in their histories: when each
 * was scheduled, started (handed to the worker, eagerly or by a poll) and ended (completed, failed
 * or timed out). A worker holds one workflow-task slot from a task's start to its end, so the
 * started tasks at any moment are the slots busy, eager tasks included, which the SDK's slot gauges
 * leave out. Times are the server's clock, epoch nanoseconds.
 */
public final class TaskSpans {

  private record Span(long scheduled, long started, long ended) {}

  private final List<Span> spans = new ArrayList<>();
  private int unfinished;
  private int timedOut;
  private int failed;
  private int workflowsWithTimeout;

  /** Adds the workflow tasks of one history. */
  public void add(List<HistoryEvent> events) {
    Map<Long, Long> scheduled = new HashMap<>();
    Map<Long, long[]> started = new HashMap<>(); // started event id → {scheduled, started}
    int timeouts = 0;
    for (HistoryEvent event : events) {
      long at = Timestamps.toNanos(event.getEventTime());
      if (event.hasWorkflowTaskScheduledEventAttributes()) {
        scheduled.put(event.getEventId(), at);
      } else if (event.hasWorkflowTaskStartedEventAttributes()) {
        long scheduledId = event.getWorkflowTaskStartedEventAttributes().getScheduledEventId();
        started.put(event.getEventId(), new long[] {scheduled.getOrDefault(scheduledId, at), at});
      } else if (event.hasWorkflowTaskCompletedEventAttributes()) {
        end(started, event.getWorkflowTaskCompletedEventAttributes().getStartedEventId(), at);
      } else if (event.hasWorkflowTaskFailedEventAttributes()) {
        end(started, event.getWorkflowTaskFailedEventAttributes().getStartedEventId(), at);
        failed++;
      } else if (event.hasWorkflowTaskTimedOutEventAttributes()) {
        end(started, event.getWorkflowTaskTimedOutEventAttributes().getStartedEventId(), at);
        timeouts++;
      }
    }
    unfinished += started.size();
    timedOut += timeouts;
    workflowsWithTimeout += timeouts > 0 ? 1 : 0;
  }

  private void end(Map<Long, long[]> started, long startedId, long at) {
    long[] times = started.remove(startedId);
    if (times != null) {
      spans.add(new Span(times[0], times[1], at));
    }
  }

  /**
   * Tasks that started in [from, to], how long they waited to start, and the slots busy in that
   * window: the most at once and the mean.
   */
  public ObjectNode figures(long from, long to) {
    ObjectNode figures = Api.JSON.createObjectNode();
    List<Span> inWindow =
        spans.stream().filter(s -> s.started() >= from && s.started() <= to).toList();
    figures.put("tasks", inWindow.size());
    figures.put("unfinished", unfinished);
    // A workflow task that timed out is handed out again, from the start: the first attempt with
    // it.
    figures.put("timed_out", timedOut);
    figures.put("workflows_with_a_timed_out_task", workflowsWithTimeout);
    figures.put("failed", failed);
    Latencies waited = new Latencies();
    inWindow.forEach(s -> waited.addNanos(s.started() - s.scheduled()));
    waited.writeTo(figures.putObject("schedule_to_start"));
    figures.put(
        "waited_over_100_ms",
        inWindow.stream().filter(s -> s.started() - s.scheduled() > 100_000_000L).count());
    // Every span that overlaps the window, clipped to it: +1 at its start, -1 at its end.
    List<long[]> steps = new ArrayList<>();
    double busyNanos = 0;
    for (Span span : spans) {
      long start = Math.max(span.started(), from);
      long end = Math.min(span.ended(), to);
      if (end > start) {
        steps.add(new long[] {start, 1});
        steps.add(new long[] {end, -1});
        busyNanos += end - start;
      }
    }
    steps.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long busy = 0;
    long most = 0;
    for (long[] step : steps) {
      busy += step[1];
      most = Math.max(most, busy);
    }
    figures.put("slots_busy_max", most);
    figures.put("slots_busy_mean", Latencies.round(busyNanos / (to - from)));
    return figures;
  }
}
