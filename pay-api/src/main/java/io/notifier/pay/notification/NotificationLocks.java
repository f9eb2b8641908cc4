package io.notifier.pay.notification;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
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
   * Runs {@code task} if no other instance holds {@code name}; otherwise skips this round.
   *
   * @param atMostFor how long the lock outlives an instance that died holding it
   */
  void runAlone(String name, Duration atMostFor, Runnable task) {
    executor.executeWithLock(
        task, new LockConfiguration(Instant.now(), name, atMostFor, Duration.ZERO));
  }
}
