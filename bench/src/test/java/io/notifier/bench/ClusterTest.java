package io.notifier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.bench.http.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ClusterTest {

  @Test
  void theSlowestProcessOnACoreOfItsOwnSetsTheRateTheDriverLeftOut() {
    ObjectNode perRecharge = Api.JSON.createObjectNode();
    perRecharge.put("temporal-history", 4.0);
    perRecharge.put("pay-api-1", 5.0);
    perRecharge.put("pay-api-2", 5.0);
    perRecharge.put("temporal-ui", 0.0);
    perRecharge.put("driver", 20.0);
    perRecharge.put("total", 34.0);

    ObjectNode atRest = Api.JSON.createObjectNode();
    atRest.put("temporal-history", 100.0); // ms per second: 1 ms per recharge over 10 s, 1000
    atRest.put("pay-api-1", 0.0);

    ObjectNode machine = Cluster.machinePerProcess(perRecharge, atRest, 10, 1000);

    assertThat(machine.path("bottleneck").asString()).isEqualTo("pay-api-1");
    assertThat(machine.path("one_core_each_ceiling_per_s").asLong()).isEqualTo(200);
    // 3 ms above its rest, and 900 ms of each second left for them
    assertThat(machine.path("one_core_each_per_s").path("temporal-history").asLong())
        .isEqualTo(300);
    assertThat(machine.path("one_core_each_per_s").has("temporal-ui")).isFalse();
    assertThat(machine.path("services_ms_per_recharge_above_rest").asDouble()).isEqualTo(13.0);
    assertThat(machine.path("this_machine_ceiling_per_s").asLong()).isEqualTo(146);
  }
}
