package io.notifier.pay;

import io.notifier.web.ApiProblemHandler;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The pay system (bank1_pay): records recharges, answers the query interface, and runs the Temporal
 * worker that notifies the account system of each recharge.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(ApiProblemHandler.class)
public class PayApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(PayApiApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
