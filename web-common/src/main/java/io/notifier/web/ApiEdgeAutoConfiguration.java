package io.notifier.web;

import io.notifier.web.json.StrictJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The HTTP edge both services share: strict JSON, and problem+json errors in the API's words. It
 * applies to any servlet application with web-common on its classpath.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiEdgeAutoConfiguration {

  /** The services import it themselves; this is for any other application of web-common. */
  @Bean
  @ConditionalOnMissingBean
  ApiProblemHandler apiProblemHandler() {
    return new ApiProblemHandler();
  }

  @Bean
  StrictJson strictJson() {
    return new StrictJson();
  }
}
