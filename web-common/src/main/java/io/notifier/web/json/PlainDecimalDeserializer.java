package io.notifier.web.json;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads money from a JSON string of plain decimal digits, such as {@code "100.00"}, and nothing
 * else. A JSON number is refused, because parsers on the way may have turned it into a binary
 * double already; so are the forms {@link BigDecimal#BigDecimal(String)} would take but a person
 * would not write, or could misread: a sign, an exponent, leading zeros, surrounding whitespace or
 * NUL. How many decimals and which range are the bean validation's to say ({@code @Amount}).
 */
public class PlainDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

  static final String NOT_A_STRING = "must be a string such as \"100.00\"";
  static final String NOT_PLAIN =
      "must be a plain decimal such as \"100.00\": digits, optionally a point and decimals;"
          + " no sign, exponent, spaces or leading zeros";

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");

  public PlainDecimalDeserializer() {
    super(BigDecimal.class);
  }

  @Override
  public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      throw new RefusedValueException(parser, NOT_A_STRING, BigDecimal.class);
    }
    String text = parser.getString();
    if (!PLAIN_DECIMAL.matcher(text).matches()) {
      throw new RefusedValueException(parser, NOT_PLAIN, BigDecimal.class);
    }
    return new BigDecimal(text);
  }
}
