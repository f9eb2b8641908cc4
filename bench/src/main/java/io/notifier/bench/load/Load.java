package io.notifier.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closed-loop load: {@code concurrency} client threads share {@code count} numbered tasks, each
 * thread sending its next request as soon as its last one is answered, the way C users keep a
 * service busy. A task that throws is counted, not retried.
 */
public final class Load {

  /** What a run did; {@code elapsed} ends when the last task has returned. */
  public record Run(int count, int failures, Duration elapsed, String firstError) {
    public double perSecond() {
      return count / seconds(elapsed);
    }

    /**
     * The figures every closed-loop run reports: how many, from how many clients, how many failed.
     */
    public ObjectNode writeTo(ObjectNode into, int concurrency) {
      into.put("count", count);
      into.put("concurrency", concurrency);
      into.put("failures", failures);
      if (firstError != null) {
        into.put("first_error", firstError);
      }
      return into;
    }
  }

  private Load() {}

  public static Run run(int count, int concurrency, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Thread> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      clients.add(
          Thread.ofPlatform()
              .name("client-" + c)
              .start(
                  () -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                      try {
                        task.accept(i);
                      } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                      }
                    }
                  }));
    }
    for (Thread client : clients) {
      try {
        client.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new Run(
        count, failures.get(), Duration.ofNanos(System.nanoTime() - start), firstError.get());
  }

  public static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
