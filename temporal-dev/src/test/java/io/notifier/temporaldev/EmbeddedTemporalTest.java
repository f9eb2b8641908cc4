package io.notifier.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.testing.FreePorts;
import io.notifier.workflows.NotifySearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTest {

  private EmbeddedTemporal temporal;
  private WorkflowServiceStubs service;
  private WorkflowClient client;

  @BeforeEach
  void start() throws Exception {
    temporal = EmbeddedTemporal.start("127.0.0.1", FreePorts.find());
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporal.port())
                .build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @AfterEach
  void stop() {
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void acceptsWorkflowsWithTheNotifiersSearchAttributes() {
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(
            "NotifyWorkflow",
            options(
                "notify-sa-test",
                SearchAttributes.newBuilder()
                    .set(NotifySearchAttributes.TX_NO, "sa-test")
                    .set(NotifySearchAttributes.ACCOUNT_NO, "1")
                    .set(NotifySearchAttributes.NOTIFY_STATUS, "NOTIFYING")
                    .build()));
    workflow.start();

    SearchAttributes stored = workflow.describe().getTypedSearchAttributes();

    assertThat(stored.get(NotifySearchAttributes.TX_NO)).isEqualTo("sa-test");
    assertThat(stored.get(NotifySearchAttributes.ACCOUNT_NO)).isEqualTo("1");
    assertThat(stored.get(NotifySearchAttributes.NOTIFY_STATUS)).isEqualTo("NOTIFYING");
  }

  @Test
  void freesItsPortWhenClosedSoTheRunCanRestartIt() throws Exception {
    int port = temporal.port();
    service.shutdownNow();
    temporal.close();

    temporal = EmbeddedTemporal.start("127.0.0.1", port);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());

    assertThat(temporal.port()).isEqualTo(port);
    assertThat(service.healthCheck().getStatus().name()).isEqualTo("SERVING");
  }

  private static WorkflowOptions options(String workflowId, SearchAttributes attributes) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue("nobody-polls")
        .setTypedSearchAttributes(attributes)
        .build();
  }
}
