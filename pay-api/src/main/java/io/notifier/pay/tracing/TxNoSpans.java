package io.notifier.pay.tracing;

import io.notifier.web.tracing.TxNoAttribute;
import io.notifier.workflows.NotifyWorkflow;
import io.opentracing.Tracer;
import io.temporal.opentracing.SpanBuilderProvider;
import io.temporal.opentracing.SpanCreationContext;
import io.temporal.opentracing.internal.ActionTypeAndNameSpanBuilderProvider;

/**
 * The SDK's names and tags for Temporal's spans ({@code StartWorkflow:NotifyWorkflowV3}, {@code
 * RunActivity:Deliver}, with the workflow and run ids), plus the {@code txNo} the workflow id is
 * made of: every span of a recharge is found by its txNo, as the Web UI finds its workflow.
 */
final class TxNoSpans implements SpanBuilderProvider {

  private static final String PREFIX = NotifyWorkflow.workflowId("");

  @Override
  public Tracer.SpanBuilder createSpanBuilder(Tracer tracer, SpanCreationContext context) {
    Tracer.SpanBuilder span =
        ActionTypeAndNameSpanBuilderProvider.INSTANCE.createSpanBuilder(tracer, context);
    String workflowId = context.getWorkflowId();
    return workflowId != null && workflowId.startsWith(PREFIX)
        ? span.withTag(TxNoAttribute.KEY, workflowId.substring(PREFIX.length()))
        : span;
  }
}
