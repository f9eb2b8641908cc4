package io.notifier.pay.recharge;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * New transaction numbers: UUIDs of version 7 (RFC 9562), time-ordered so that inserts land at the
 * end of the primary-key index instead of splitting pages at random, and unguessable in their 74
 * random bits.
 */
@Component
public class TxNoGenerator {

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public TxNoGenerator(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    long millis = clock.millis();
    long randA = random.nextLong();
    long randB = random.nextLong();
    long high = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
    long low = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
