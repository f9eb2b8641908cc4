package io.notifier.system;

import io.notifier.testing.MariaDbCheck;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's tctl lines on the real stack, as {@code ./run.sh dev} runs it (the Temporal dev
 * server, MariaDB, nginx in front of account-api), on ports of its own. Its own stack, not
 * RealStackIT's: the README's batch line signals every notification that needs attention, which
 * there are other tests' own.
 */
@ExtendWith(MariaDbCheck.class)
class TctlIT extends TctlScenarios {

  @Override
  NotifierStack newStack() {
    return new RealStack("tctl");
  }

  /** The gateway answers every notification 503 itself, as during a deploy. */
  @Override
  void refuseDeliveries() {
    ((RealStack) stack).gateway.notificationsAnswer503();
  }

  @Override
  void acceptDeliveries() {
    ((RealStack) stack).gateway.routesEveryRequest();
  }
}
