package io.notifier.account;

import io.notifier.web.ApiProblemHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The account system (bank1): takes recharge notifications and credits each txNo once. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ApiProblemHandler.class)
public class AccountApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(AccountApiApplication.class, args);
  }
}
