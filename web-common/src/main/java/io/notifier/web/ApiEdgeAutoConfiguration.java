package io.notifier.web;

import io.notifier.web.json.StrictJson;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP edge both services share: strict JSON, a bounded body, and problem+json for every error,
 * from Spring MVC's exceptions down to what Tomcat refuses on its own. It applies to any servlet
 * application with web-common on its classpath, before Spring Boot's error handling, which it
 * replaces.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiEdgeProperties.class)
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

  /** Replaces Spring Boot's BasicErrorController, which answers its own JSON or an HTML page. */
  @Bean
  ProblemErrorController problemErrorController() {
    return new ProblemErrorController();
  }

  /**
   * Early, so nothing reads a body or a parameter before it; after the observation filter
   * (HIGHEST_PRECEDENCE + 1), so refused requests are still counted in the metrics.
   */
  @Bean
  FilterRegistrationBean<StrictRequestFilter> strictRequestFilter(ApiEdgeProperties properties) {
    FilterRegistrationBean<StrictRequestFilter> registration =
        new FilterRegistrationBean<>(
            new StrictRequestFilter(Math.toIntExact(properties.maxBodySize().toBytes())));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** The API's endpoints, all under /api, answer JSON; /error and /actuator are not theirs. */
  @Bean
  WebMvcConfigurer acceptsJson(@Lazy ContentNegotiationManager mvcContentNegotiationManager) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry
            .addInterceptor(new AcceptsJsonInterceptor(mvcContentNegotiationManager))
            .addPathPatterns("/api/**");
      }
    };
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Tomcat.class)
  static class TomcatErrorReport {

    @Bean
    ProblemReportValveCustomizer problemReportValveCustomizer() {
      return new ProblemReportValveCustomizer();
    }
  }

  /**
   * Puts {@link ProblemReportValve} where Tomcat's ErrorReportValve was. Spring Boot adds its own
   * in a customizer of order 0; this one runs last and removes it, and names ours as the host's
   * {@code errorReportValveClass}, so that Tomcat does not add its default at start either.
   *
   * <p>It also makes Tomcat answer {@code Expect: 100-continue} only when the body is read, so a
   * client announcing a body over the limit is refused before it sends it.
   */
  static class ProblemReportValveCustomizer
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addConnectorCustomizers(
          connector -> connector.setProperty("continueResponseTiming", "onRead"));
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              host.setErrorReportValveClass(ProblemReportValve.class.getName());
              host.getPipeline().addValve(new ProblemReportValve());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
