package io.notifier.pay.notification;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.stereotype.Component;

/**
 * Runs the relay and the sweeper on one pay-api instance at a time, however many share the
 * database: ShedLock's lock table (shedlock), with the database's clock so that instances whose
 * clocks drift still agree.
 */
@Component
class NotificationLocks {

  private final LockingTaskExecutor executor;

  NotificationLocks(DataSource dataSource) {
    this.executor =
        new DefaultLockingTaskExecutor(
            new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource))
                    .usingDbTime()
                    .build()));
  }

  /**
   * {@code task} every {@code interval}, the first time one interval after start, on the one
   * instance that holds {@code name} for that round; the others skip it. An instance that dies
   * holding the lock keeps it for ten intervals at most.
   */
  FixedDelayTask everyInterval(String name, Duration interval, Runnable task) {
    return new FixedDelayTask(
        () -> runAlone(name, interval.multipliedBy(10), task), interval, interval);
  }

  private void runAlone(String name, Duration atMostFor, Runnable task) {
    executor.executeWithLock(
        task, new LockConfiguration(Instant.now(), name, atMostFor, Duration.ZERO));
  }
}
