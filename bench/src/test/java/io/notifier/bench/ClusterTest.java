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

    ObjectNode machine = Cluster.machinePerProcess(perRecharge);

    assertThat(machine.path("bottleneck").asString()).isEqualTo("pay-api-1");
    assertThat(machine.path("one_core_each_ceiling_per_s").asLong()).isEqualTo(200);
    assertThat(machine.path("one_core_each_per_s").path("temporal-history").asLong())
        .isEqualTo(250);
    assertThat(machine.path("one_core_each_per_s").has("temporal-ui")).isFalse();
    assertThat(machine.path("services_ms_per_recharge").asDouble()).isEqualTo(14.0);
  }
}
