package io.notifier.workflows;

/** The workflow's input: what to deliver, and the policy it is delivered under. */
public record NotifyRequest(RechargeNotification notification, NotifyPolicy policy) {}
