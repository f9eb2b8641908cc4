package io.notifier.system;

/** The scenarios on the default run's stack: the embedded Temporal and H2. */
class EmbeddedStackIT extends NotificationScenarios {

  @Override
  NotifierStack newStack() {
    return new EmbeddedStack("embedded");
  }
}
