package io.notifier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The README's Configuration table and its Secrets table, held against the settings a service
 * binds: every documented row names a setting the service has, with the default it has, and every
 * setting it has is documented. A setting is a leaf of a {@code @ConfigurationProperties} record.
 */
public final class DocumentedSettings {

  /** One row of the Configuration table; {@code defaultValue} null where it says "—". */
  public record Row(String property, String service, String defaultValue) {}

  private static final Pattern TICKED = Pattern.compile("`([^`]*)`");
  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

  private final List<Row> configuration = new ArrayList<>();
  private final Set<String> credentials = new LinkedHashSet<>();

  private DocumentedSettings(List<String> readme) {
    String section = "";
    for (String line : readme) {
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
      } else if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        if (section.equals("Configuration")) {
          Matcher property = TICKED.matcher(cells[1]);
          if (property.find() && PROPERTY.matcher(property.group(1)).matches()) {
            Matcher defaultValue = TICKED.matcher(cells[3]);
            configuration.add(
                new Row(
                    property.group(1),
                    cells[2].strip(),
                    defaultValue.find() ? defaultValue.group(1) : null));
          }
        } else if (section.equals("Secrets and keys") && cells.length > 2) {
          Matcher property = TICKED.matcher(cells[2]);
          if (property.find()) {
            credentials.add(property.group(1));
          }
        }
      }
    }
  }

  /** The project's README, from a module's directory (where surefire runs its tests). */
  public static DocumentedSettings ofTheReadme() {
    try {
      return new DocumentedSettings(Files.readAllLines(Path.of("..", "README.md")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Configuration table's rows of {@code service} ("pay-api", "account-api"), and "both". */
  public List<Row> rowsOf(String service) {
    return configuration.stream()
        .filter(row -> row.service().equals(service) || row.service().equals("both"))
        .toList();
  }

  /**
   * Checks {@code service}'s settings against the README.
   *
   * @param bound the service's {@code @ConfigurationProperties} records
   * @param required values the records cannot be bound without (credentials), by property
   */
  public void assertDocument(String service, List<Class<?>> bound, Map<String, String> required) {
    Map<String, Class<?>> owner = new HashMap<>();
    for (Class<?> type : bound) {
      String prefix = type.getAnnotation(ConfigurationProperties.class).value();
      leaves(prefix, type).forEach(leaf -> owner.put(leaf, type));
    }
    List<Row> rows = rowsOf(service);
    assertThat(rows).as("the README's Configuration rows of " + service).isNotEmpty();
    for (Row row : rows) {
      assertThat(owner)
          .as(
              "the README documents %s for %s, which binds no such setting",
              row.property(), service)
          .containsKey(row.property());
    }
    Set<String> documented = new LinkedHashSet<>(credentials);
    rows.forEach(row -> documented.add(row.property()));
    assertThat(documented)
        .as("%s binds settings the README does not document", service)
        .containsAll(owner.keySet());
    for (Class<?> type : bound) {
      assertDefaults(type, rows, required);
    }
  }

  /** Bound with the README's defaults, a record equals the one bound with none. */
  private static void assertDefaults(Class<?> type, List<Row> rows, Map<String, String> required) {
    String prefix = type.getAnnotation(ConfigurationProperties.class).value();
    Map<String, String> documented = new HashMap<>(required);
    rows.stream()
        .filter(row -> row.property().startsWith(prefix + "."))
        .filter(row -> row.defaultValue() != null)
        .forEach(row -> documented.put(row.property(), row.defaultValue()));
    Object defaults =
        new Binder(new MapConfigurationPropertySource(required)).bindOrCreate(prefix, type);
    Object asDocumented =
        new Binder(new MapConfigurationPropertySource(documented)).bindOrCreate(prefix, type);
    assertThat(asDocumented)
        .as("%s bound with the README's defaults, against its own", type.getSimpleName())
        .isEqualTo(defaults);
  }

  /** The settings a record binds: its components, kebab-cased, nested records within. */
  static List<String> leaves(String prefix, Class<?> type) {
    List<String> leaves = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String name = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        leaves.addAll(leaves(name, component.getType()));
      } else {
        leaves.add(name);
      }
    }
    return leaves;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
