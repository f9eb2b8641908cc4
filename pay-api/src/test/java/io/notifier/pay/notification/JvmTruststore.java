package io.notifier.pay.notification;

import java.nio.file.Path;

/**
 * The JVM's truststore properties for the length of a test, as {@code -Djavax.net.ssl.trustStore}
 * and {@code -Djavax.net.ssl.trustStorePassword} set them for a service; the JDK's own (its
 * cacerts) when none is given. The properties are put back as they were on close.
 */
final class JvmTruststore implements AutoCloseable {

  private static final String STORE = "javax.net.ssl.trustStore";
  private static final String PASSWORD = "javax.net.ssl.trustStorePassword";

  private final String store = System.getProperty(STORE);
  private final String password = System.getProperty(PASSWORD);

  private JvmTruststore() {}

  static JvmTruststore of(Path truststore, String password) {
    JvmTruststore previous = new JvmTruststore();
    System.setProperty(STORE, truststore.toString());
    System.setProperty(PASSWORD, password);
    return previous;
  }

  static JvmTruststore jdkDefault() {
    JvmTruststore previous = new JvmTruststore();
    System.clearProperty(STORE);
    System.clearProperty(PASSWORD);
    return previous;
  }

  @Override
  public void close() {
    restore(STORE, store);
    restore(PASSWORD, password);
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
