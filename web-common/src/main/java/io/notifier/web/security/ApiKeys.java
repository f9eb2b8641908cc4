package io.notifier.web.security;

import io.notifier.web.settings.InvalidSetting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The callers a service knows by API key: each key names one caller in one role. Keys are kept as
 * SHA-256 digests and a presented key is compared with each of them in constant time, so neither
 * memory nor timing tells a key.
 *
 * <p>Settings list keys as {@code name:key} pairs, comma-separated ({@code
 * PAY_API_KEYS=shop:k1,app:k2}); a caller may have two keys while it moves from one to the other
 * ({@code shop:old,shop:new}), but a key belongs to one caller. A mistake is told by the setting
 * and the entry's place, never by its value, which may be a key.
 */
public final class ApiKeys {

  /** A caller: who, by the name its key was given, and in which role. */
  public record Caller(String name, String role) {}

  private record Known(byte[] digest, Caller caller) {}

  private static final String NAME = "[A-Za-z0-9_.-]{1,64}";
  private static final String KEY = "[\\x21-\\x7E]+";

  private final List<Known> known;

  private ApiKeys(List<Known> known) {
    this.known = List.copyOf(known);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The caller {@code key} belongs to; every known key is compared, whatever matches first. */
  public Optional<Caller> find(String key) {
    byte[] digest = sha256(key);
    Caller found = null;
    for (Known candidate : known) {
      if (MessageDigest.isEqual(candidate.digest(), digest)) {
        found = candidate.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException everyJdkHasIt) {
      throw new IllegalStateException(everyJdkHasIt);
    }
  }

  /** Collects the keys of each role, checking each setting as it comes. */
  public static final class Builder {

    private final List<Known> known = new ArrayList<>();
    private final Set<String> digests = new HashSet<>();

    private Builder() {}

    /**
     * @param setting how the setting is named to whoever configures it, such as {@code
     *     "PAY_API_KEYS (pay-api.security.client-keys)"}
     * @param entries its {@code name:key} entries; there must be at least one
     * @throws IllegalArgumentException naming the setting and the entry at fault, never a key
     */
    public Builder add(String role, String setting, List<String> entries) {
      // A trailing comma, or an empty variable, leaves blank entries: they name nobody.
      List<String> namedKeys =
          entries == null ? List.of() : entries.stream().filter(e -> !e.isBlank()).toList();
      if (namedKeys.isEmpty()) {
        throw new InvalidSetting(
            "no key in " + setting + ": set it to name:key pairs, comma-separated");
      }
      for (int i = 0; i < namedKeys.size(); i++) {
        String entry = namedKeys.get(i).strip();
        int colon = entry.indexOf(':');
        String where = setting + ", entry " + (i + 1);
        if (colon < 0) {
          throw new InvalidSetting(where + " is not name:key");
        }
        String name = entry.substring(0, colon);
        String key = entry.substring(colon + 1);
        if (!name.matches(NAME)) {
          throw new InvalidSetting(
              where + ": the name must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (!key.matches(KEY)) {
          throw new InvalidSetting(
              where + " (" + name + "): the key must be visible ASCII characters, without spaces");
        }
        byte[] digest = sha256(key);
        if (!digests.add(HexFormat.of().formatHex(digest))) {
          throw new InvalidSetting(
              where + " (" + name + "): its key is given to another caller too");
        }
        known.add(new Known(digest, new Caller(name, role)));
      }
      return this;
    }

    public ApiKeys build() {
      return new ApiKeys(known);
    }
  }
}
