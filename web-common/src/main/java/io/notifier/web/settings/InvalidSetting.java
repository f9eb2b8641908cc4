package io.notifier.web.settings;

/**
 * A setting a service cannot start with, said in one sentence that names the setting and what it
 * needs (never a secret's value). {@link InvalidSettingFailureAnalyzer} makes that sentence the
 * whole report of a failed start, instead of a stack trace.
 */
public class InvalidSetting extends IllegalArgumentException {

  public InvalidSetting(String sentence) {
    super(sentence);
  }

  public InvalidSetting(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
