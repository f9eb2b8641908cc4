package io.notifier.bench.temporal;

import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.load.Load;
import io.notifier.bench.process.CpuTimes;
import io.notifier.workflows.NotifySearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * What this Temporal service can do at best for a caller like pay-api: a workflow that does
 * nothing, started eagerly by a client whose worker lives in the same JVM (as pay-api's does), and
 * waited for until it completes. No notifier runs faster than this on the same server.
 *
 * <p>With {@code searchAttributes}, it starts the same workflow with the search attributes a
 * notification starts with (TxNo, AccountNo): what indexing them costs the server, which the
 * do-nothing floor leaves out and the notifier cannot.
 */
public final class TemporalFloor implements AutoCloseable {

  @WorkflowInterface
  public interface NothingWorkflow {
    @WorkflowMethod
    void nothing();
  }

  public static final class NothingWorkflowImpl implements NothingWorkflow {
    @Override
    public void nothing() {}
  }

  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final String taskQueue = "bench-floor-" + UUID.randomUUID();
  private final boolean searchAttributes;

  public TemporalFloor(WorkflowClient client, boolean searchAttributes) {
    this.client = client;
    this.searchAttributes = searchAttributes;
    this.workers = WorkerFactory.newInstance(client);
    workers.newWorker(taskQueue).registerWorkflowImplementationTypes(NothingWorkflowImpl.class);
    workers.start();
  }

  /** Starts one workflow and waits for its completion. */
  private void once() {
    String id = UUID.randomUUID().toString();
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(taskQueue)
            .setWorkflowId("floor-" + id)
            // Eager start: the first workflow task comes back with the start's answer, to this
            // JVM's worker, as pay-api's notifications start.
            .setDisableEagerExecution(false);
    if (searchAttributes) {
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder()
              .set(NotifySearchAttributes.TX_NO, id)
              .set(NotifySearchAttributes.ACCOUNT_NO, "1")
              .build());
    }
    NothingWorkflow workflow = client.newWorkflowStub(NothingWorkflow.class, options.build());
    WorkflowClient.start(workflow::nothing);
    WorkflowStub.fromTyped(workflow).getResult(Void.class);
  }

  public ObjectNode measure(
      int warmup, int count, int concurrency, int sequential, CpuTimes cpuTimes) {
    Load.run(warmup, concurrency, i -> once());
    CpuTimes cpu = cpuTimes.start();
    Load.Run run = Load.run(count, concurrency, i -> once());
    ObjectNode cpuPerWorkflow = cpu.perUnit(count);
    Latencies latencies = new Latencies();
    for (int i = 0; i < sequential; i++) {
      long start = System.nanoTime();
      once();
      latencies.addNanos(System.nanoTime() - start);
    }
    ObjectNode figures = run.writeTo(Api.JSON.createObjectNode(), concurrency);
    figures.put("seconds", Latencies.round(Load.seconds(run.elapsed())));
    figures.put("completed_per_s", Latencies.round(run.perSecond()));
    figures.set("cpu_ms_per_workflow", cpuPerWorkflow);
    if (sequential > 0) {
      latencies.writeTo(figures.putObject("start_to_completion"));
    }
    return figures;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
