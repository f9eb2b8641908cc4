package io.notifier.web.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a start that failed on an {@link InvalidSetting} as that one sentence: Spring Boot prints
 * a failure analysis instead of the exception and its sixty lines of stack trace, which name
 * binders and constructors, not the setting to fix.
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSetting>
    implements Ordered {

  /** Before Spring Boot's own analysis of a failed binding, which would quote the exception. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSetting cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct that setting (a --name=value argument, an environment variable or"
            + " application.yml) and start again; the README's Configuration table lists them.",
        cause);
  }
}
