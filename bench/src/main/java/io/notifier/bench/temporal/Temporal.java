package io.notifier.bench.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** A client of the Temporal service that the stack under test uses. */
public final class Temporal implements AutoCloseable {

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  public Temporal(String address, String namespace) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    service.shutdownNow();
  }
}
