package io.notifier.workflows;

/**
 * The notification of one recharge, as it starts today: its first attempt is made in the workflow
 * task that the start hands back eagerly, so a notification delivered at once costs two calls to
 * Temporal (the start and that task's completion) and six history events.
 */
public class NotifyWorkflowImpl extends NotificationFlow implements NotifyWorkflow {

  public NotifyWorkflowImpl() {
    super(true);
  }

  @Override
  public NotificationState notifyRecharge(NotifyRequest request) {
    return run(request);
  }
}
