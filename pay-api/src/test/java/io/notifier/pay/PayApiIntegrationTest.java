package io.notifier.pay;

import io.notifier.testing.AccountApiStub;
import io.notifier.testing.AlsoOnMariaDb;
import io.notifier.workflows.NotifySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The whole pay-api, its worker included, on a real database and the Java Temporal test server,
 * notifying a stub of account-api over HTTP, which also answers its reconciliation endpoint and the
 * accounts pay-api checks before it takes a recharge. The database is H2, or MariaDB when the build
 * activates the mariadb-test profile as well (the surefire execution "mariadb" does).
 */
@AlsoOnMariaDb
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles(profiles = "test", inheritProfiles = true)
@Import(PayApiIntegrationTest.SearchAttributes.class)
public abstract class PayApiIntegrationTest {

  /**
   * account-api as a gateway routes it, under a base path of its own: every call pay-api makes to
   * it must keep that path.
   */
  protected static final AccountApiStub accountApi = AccountApiStub.under("/account-api");

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("notify.account-api", () -> accountApi.baseUrl().toString());
  }

  @Autowired protected MockMvcTester mvc;
  @Autowired protected JdbcClient jdbc;

  /** account-api has accounts 1 and 2, as its demo data, and takes every notification. */
  @BeforeEach
  void accountApiAccepts() {
    accountApi.up();
    accountApi.notifications(AccountApiStub::acknowledged);
    accountApi.account("1", request -> AccountApiStub.accountExists());
    accountApi.account("2", request -> AccountApiStub.accountExists());
  }

  /** The notifications of {@code txNo} account-api received. */
  protected static long notificationsOf(String txNo) {
    return accountApi.notificationsReceived().stream()
        .filter(request -> request.body().contains("\"txNo\":\"" + txNo + "\""))
        .count();
  }

  /** Each context its own port: a test class with beans of its own gets a context of its own. */
  @LocalServerPort private int port;

  protected int port() {
    return port;
  }

  protected long recharges() {
    return jdbc.sql("SELECT count(*) FROM account_pay").query(Long.class).single();
  }

  /** The test server knows no search attributes until told, like any Temporal server. */
  @TestConfiguration
  static class SearchAttributes {
    @Bean
    TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> notifySearchAttributes() {
      return options -> {
        NotifySearchAttributes.ALL.forEach(
            key ->
                options.registerSearchAttribute(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        return options;
      };
    }
  }
}
