package io.notifier.web.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that one of our own deserializers refuses, with the reason in the API's words, so
 * that the problem answer can quote it: Jackson's own messages name Java types and are not shown.
 */
public class RefusedValueException extends MismatchedInputException {

  /**
   * @param reason what the value must be, completing "{@code <field> }": "must be a string …"
   */
  public RefusedValueException(JsonParser parser, String reason, Class<?> targetType) {
    super(parser, reason, targetType);
  }

  /** The reason, without Jackson's location and path suffixes. */
  public String reason() {
    return getOriginalMessage();
  }
}
