package io.notifier.bench.temporal;

import com.google.protobuf.util.Timestamps;
import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a notification costs Temporal in history: the events of {@code notify-<txNo>} workflows, as
 * {@code temporal workflow show} lists them.
 */
public final class Histories {

  /** A history at rest: no workflow task in flight, the delivery (if any) waiting on its timer. */
  private record Snapshot(int events, int failedAttempts, List<HistoryEvent> history) {}

  private final WorkflowClient client;
  private final Duration timeout;

  public Histories(WorkflowClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** The history of {@code notify-<txNo>} as it is now. */
  public List<HistoryEvent> events(String txNo) {
    return history(txNo);
  }

  private List<HistoryEvent> history(String txNo) {
    return client.fetchHistory(NotifyWorkflow.workflowId(txNo)).getEvents();
  }

  /** Events of notifications delivered at their first attempt (closed workflows). */
  public ObjectNode deliveredAtFirstAttempt(List<String> txNos) {
    ObjectNode figures = Api.JSON.createObjectNode();
    int total = 0;
    List<HistoryEvent> example = List.of();
    for (String txNo : txNos) {
      example = history(txNo);
      total += example.size();
    }
    figures.put("workflows", txNos.size());
    figures.put("events_per_notification", Latencies.round((double) total / txNos.size()));
    figures.set("event_types_of_one", Api.JSON.valueToTree(countByType(example)));
    figures.set("timeline_of_one_ms", Api.JSON.valueToTree(timeline(example)));
    return figures;
  }

  /**
   * Events of any {@code notify-<txNo>} workflows as they are now (running or not): mean, least and
   * most, and the first one's events by type and as a timeline.
   */
  public ObjectNode eventsOf(List<String> txNos) {
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("workflows", txNos.size());
    if (txNos.isEmpty()) {
      return figures;
    }
    List<List<HistoryEvent>> histories = txNos.stream().map(this::history).toList();
    figures.put(
        "events_mean",
        Latencies.round(histories.stream().mapToInt(List::size).average().orElse(Double.NaN)));
    figures.put("events_min", histories.stream().mapToInt(List::size).min().orElse(0));
    figures.put("events_max", histories.stream().mapToInt(List::size).max().orElse(0));
    figures.set("event_types_of_one", Api.JSON.valueToTree(countByType(histories.getFirst())));
    figures.set("timeline_of_one_ms", Api.JSON.valueToTree(timeline(histories.getFirst())));
    return figures;
  }

  /**
   * Where one notification's time goes: each event's time (the server's clock) counted from the
   * workflow's start, e.g. "05 ACTIVITY_TASK_SCHEDULED" → 18.7.
   */
  private static Map<String, Double> timeline(List<HistoryEvent> events) {
    Map<String, Double> offsets = new LinkedHashMap<>();
    if (events.isEmpty()) {
      return offsets;
    }
    long start = Timestamps.toNanos(events.getFirst().getEventTime());
    for (HistoryEvent event : events) {
      offsets.put(
          "%02d %s"
              .formatted(
                  event.getEventId(), event.getEventType().name().replace("EVENT_TYPE_", "")),
          Latencies.round((Timestamps.toNanos(event.getEventTime()) - start) / 1e6));
    }
    return offsets;
  }

  /**
   * Events that each failed attempt adds, while the receiver is down: the difference between two
   * histories at rest of the same workflow, divided by the failed attempts between them (the
   * server's count: the pending Deliver activity's attempt, less the one to come).
   */
  public ObjectNode perFailedAttempt(List<String> txNos, int moreAttempts) {
    int events = 0;
    int attempts = 0;
    Map<String, Integer> addedTypes = Map.of();
    for (String txNo : txNos) {
      Snapshot first = atRest(txNo, 1);
      Snapshot later = atRest(txNo, first.failedAttempts() + moreAttempts);
      events += later.events() - first.events();
      attempts += later.failedAttempts() - first.failedAttempts();
      addedTypes = countByType(later.history().subList(first.events(), later.events()));
    }
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("workflows", txNos.size());
    figures.put("failed_attempts_counted", attempts);
    figures.put("events_per_failed_attempt", Latencies.round((double) events / attempts));
    figures.set("event_types_added_in_last_sample", Api.JSON.valueToTree(addedTypes));
    return figures;
  }

  /**
   * Failed attempts of one notification so far, as the server counts them for its pending Deliver
   * activity (describe answers without a worker, which a backlog keeps busy): none once it ended.
   */
  public int failedAttempts(String txNo) {
    return client
        .newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo))
        .describe()
        .getRawDescription()
        .getPendingActivitiesList()
        .stream()
        .filter(activity -> activity.getActivityType().getName().equals("Deliver"))
        .mapToInt(activity -> activity.getAttempt() - 1)
        .findFirst()
        .orElse(0);
  }

  private Snapshot atRest(String txNo, int failedAttempts) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<HistoryEvent> history = history(txNo);
      int failed = failedAttempts(txNo);
      EventType last = history.getLast().getEventType();
      boolean atRest =
          last != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
              && last != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
      if (atRest && failed >= failedAttempts) {
        return new Snapshot(history.size(), failed, history);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "notify-%s: %d failed attempts after %s, expected %d"
                .formatted(txNo, failed, timeout, failedAttempts));
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private static Map<String, Integer> countByType(List<HistoryEvent> events) {
    Map<String, Integer> counts = new TreeMap<>();
    for (HistoryEvent event : events) {
      String type = event.getEventType().name().replace("EVENT_TYPE_", "");
      counts.merge(type, 1, Integer::sum);
    }
    return counts;
  }
}
