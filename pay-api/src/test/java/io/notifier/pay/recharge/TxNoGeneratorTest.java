package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TxNoGeneratorTest {

  private final TxNoGenerator txNos = new TxNoGenerator(Clock.systemUTC());

  @Test
  void txNosAreVersion7UuidsThatSortByTime() throws Exception {
    String earlier = txNos.next();
    Thread.onSpinWait();
    List<String> later = IntStream.range(0, 1000).mapToObj(i -> txNos.next()).toList();

    UUID uuid = UUID.fromString(earlier);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(later)
        .allSatisfy(
            txNo -> assertThat(timestampOf(txNo)).isGreaterThanOrEqualTo(timestampOf(earlier)));
  }

  @Test
  void txNosDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    IntStream.range(0, 100_000).forEach(i -> assertThat(seen.add(txNos.next())).isTrue());
  }

  private static long timestampOf(String txNo) {
    return UUID.fromString(txNo).getMostSignificantBits() >>> 16;
  }
}
