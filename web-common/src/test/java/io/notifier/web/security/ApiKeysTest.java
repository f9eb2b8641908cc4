package io.notifier.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys a service is configured with, and how a mistake in them is told. */
class ApiKeysTest {

  private static final String SETTING = "PAY_API_KEYS (pay-api.security.client-keys)";

  @Test
  void aKeyFindsItsCallerByNameAndRole() {
    ApiKeys keys =
        ApiKeys.builder()
            .add("CLIENT", SETTING, List.of("shop:shop-key-1", "app:app-key-2"))
            .add("OPERATOR", "PAY_API_OPERATOR_KEYS", List.of("ops:ops-key-3"))
            .build();

    assertThat(keys.find("app-key-2")).contains(new ApiKeys.Caller("app", "CLIENT"));
    assertThat(keys.find("ops-key-3")).contains(new ApiKeys.Caller("ops", "OPERATOR"));
    assertThat(keys.find("app-key-")).isEmpty();
    assertThat(keys.find("")).isEmpty();
  }

  @Test
  void aSettingWithoutKeysIsRefusedSayingWhatToSet() {
    assertThatThrownBy(() -> ApiKeys.builder().add("CLIENT", SETTING, List.of()))
        .hasMessage("no key in " + SETTING + ": set it to name:key pairs, comma-separated");
  }

  @Test
  void aMistakeIsToldByItsPlaceNeverByTheKey() {
    assertThatThrownBy(
            () -> ApiKeys.builder().add("CLIENT", SETTING, List.of("shop:k1", "secret-key-2")))
        .hasMessage(SETTING + ", entry 2 is not name:key")
        .message()
        .doesNotContain("secret-key-2");
    assertThatThrownBy(() -> ApiKeys.builder().add("CLIENT", SETTING, List.of("shop:a key")))
        .hasMessageContaining("entry 1 (shop): the key must be visible ASCII")
        .message()
        .doesNotContain("a key");
    assertThatThrownBy(() -> ApiKeys.builder().add("CLIENT", SETTING, List.of("a shop:k")))
        .hasMessageContaining("entry 1: the name must be");
  }

  @Test
  void whileItsKeyIsRotatedACallerHasTwo() {
    ApiKeys keys =
        ApiKeys.builder().add("CLIENT", SETTING, List.of("shop:old-key", "shop:new-key")).build();

    assertThat(keys.find("old-key")).contains(new ApiKeys.Caller("shop", "CLIENT"));
    assertThat(keys.find("new-key")).contains(new ApiKeys.Caller("shop", "CLIENT"));
  }

  @Test
  void oneKeyCannotBeTwoCallers() {
    assertThatThrownBy(
            () ->
                ApiKeys.builder()
                    .add("CLIENT", SETTING, List.of("shop:same-key"))
                    .add("OPERATOR", "PAY_API_OPERATOR_KEYS", List.of("ops:same-key")))
        .hasMessage("PAY_API_OPERATOR_KEYS, entry 1 (ops): its key is given to another caller too");
  }
}
