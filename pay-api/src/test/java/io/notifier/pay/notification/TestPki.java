package io.notifier.pay.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and the certificates it signs, made at test time with the JDK's own {@code keytool}
 * (no BouncyCastle on the classpath, no openssl needed), written as a deployment has them: PEM
 * certificates, PEM PKCS#8 keys (what {@code spring.temporal.connection.mtls.key-file} takes) and a
 * PKCS12 truststore holding the CA (what {@code -Djavax.net.ssl.trustStore} points at).
 */
final class TestPki {

  static final String PASSWORD = "changeit";
  private static final String KEYS = "keys.p12";

  private final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  /** A CA named {@code CN=notifier test CA} in {@code dir}: ca.pem and truststore.p12. */
  static TestPki in(Path dir) {
    TestPki pki = new TestPki(dir);
    pki.keytool("-alias", "ca", "-dname", "CN=notifier test CA", "-ext", "bc:c");
    KeyStore keys = pki.keys();
    pki.writePem(caPem(dir), "CERTIFICATE", pki.certificate(keys, "ca"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
      KeyStore truststore = KeyStore.getInstance("PKCS12");
      truststore.load(null, null);
      truststore.setCertificateEntry("ca", keys.getCertificate("ca"));
      truststore.store(out, PASSWORD.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return pki;
  }

  /** A certificate for a server known by {@code dnsName}. */
  Issued server(String name, String dnsName) {
    return issue(name, "CN=" + dnsName, "san=dns:" + dnsName, "eku=serverAuth");
  }

  /** A certificate for a client: what mTLS presents. */
  Issued client(String name, String subject) {
    return issue(name, subject, "eku=clientAuth");
  }

  Path caPem() {
    return caPem(dir);
  }

  Path truststore() {
    return dir.resolve("truststore.p12");
  }

  /** A certificate chain file and the PKCS#8 key file beside it. */
  record Issued(Path certChain, Path key) {}

  private static Path caPem(Path dir) {
    return dir.resolve("ca.pem");
  }

  private Issued issue(String name, String subject, String... extensions) {
    List<String> arguments = new ArrayList<>(List.of("-alias", name, "-dname", subject));
    arguments.addAll(List.of("-signer", "ca"));
    for (String extension : extensions) {
      arguments.addAll(List.of("-ext", extension));
    }
    keytool(arguments.toArray(String[]::new));
    KeyStore keys = keys();
    Issued issued = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    writePem(issued.certChain(), "CERTIFICATE", certificate(keys, name));
    try {
      // keytool cannot export a private key; the key store gives it PKCS#8-encoded.
      writePem(issued.key(), "PRIVATE KEY", keys.getKey(name, PASSWORD.toCharArray()).getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return issued;
  }

  private KeyStore keys() {
    try (InputStream in = Files.newInputStream(dir.resolve(KEYS))) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD.toCharArray());
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] certificate(KeyStore keys, String alias) {
    try {
      return keys.getCertificate(alias).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void writePem(Path file, String type, byte[] der) {
    try {
      Files.writeString(
          file,
          "-----BEGIN "
              + type
              + "-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
              + "\n-----END "
              + type
              + "-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key pair and its certificate, self-signed or signed by {@code -signer}, a day long. */
  private void keytool(String... arguments) {
    List<String> line =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                // A short-lived JVM: it starts in half the time.
                "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC",
                "-genkeypair",
                "-keystore",
                KEYS,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "1"));
    line.addAll(List.of(arguments));
    try {
      Process process =
          new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + line + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
