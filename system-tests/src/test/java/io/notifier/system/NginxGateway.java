package io.notifier.system;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real reverse proxy in front of account-api, as a team puts one on its first day in production:
 * Debian's nginx ({@code scripts/nginx.sh} installs it), serving account-api under the base path
 * {@code /account-api/}. During a deploy a gateway answers on its own for a moment, with its own
 * HTML page: {@link #notificationsAnswer503} and {@link #reconciliationsAnswer404} make it so, by a
 * file nginx looks for on each request, until {@link #routesEveryRequest}.
 */
final class NginxGateway implements AutoCloseable {

  static final String BASE_PATH = "/account-api";

  private final int port = FreePorts.find();
  private final Path prefix;
  private final ServiceProcess process;

  private NginxGateway(int target, Path logs) {
    try {
      // nginx's worker runs as nobody: it must be able to look for the flag files.
      prefix =
          Files.createTempDirectory(
              "notifier-nginx-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      Files.writeString(prefix.resolve("nginx.conf"), configuration(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process =
        new ServiceProcess(
            "nginx",
            List.of(
                binary(), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString()),
            logs.resolve("nginx.log"),
            () -> FreePorts.listening(port));
  }

  /** nginx on a free port, proxying to {@code target} (account-api, or a proxy in front of it). */
  static NginxGateway to(int target, Path logs) {
    NginxGateway gateway = new NginxGateway(target, logs);
    gateway.process.start();
    return gateway;
  }

  /** account-api's URL through the gateway, base path included: what pay-api is given. */
  URI accountApi() {
    return URI.create("http://127.0.0.1:" + port + BASE_PATH);
  }

  void notificationsAnswer503() {
    flag("notifications-503", true);
  }

  void reconciliationsAnswer404() {
    flag("reconciliations-404", true);
  }

  void routesEveryRequest() {
    flag("notifications-503", false);
    flag("reconciliations-404", false);
  }

  /** How many requests for {@code path} the gateway answered {@code status} itself, or passed. */
  long answered(String pathPrefix, int status) {
    try {
      return Files.readAllLines(prefix.resolve("access.log")).stream()
          .filter(line -> line.contains("\"" + pathPrefix))
          .filter(line -> line.contains("\" " + status + " "))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flag(String name, boolean on) {
    try {
      if (on) {
        Files.writeString(prefix.resolve(name), "");
      } else {
        Files.deleteIfExists(prefix.resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String configuration(int target) {
    String upstream = "http://127.0.0.1:" + target;
    return """
        daemon off;
        worker_processes 1;
        error_log %1$s/error.log warn;
        pid %1$s/nginx.pid;
        events { worker_connections 512; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          proxy_http_version 1.1;
          server {
            listen 127.0.0.1:%2$d;
            location = %3$s/api/notifications {
              if (-f %1$s/notifications-503) { return 503; }
              proxy_pass %4$s/api/notifications;
            }
            location %3$s/api/reconciliations/ {
              if (-f %1$s/reconciliations-404) { return 404; }
              proxy_pass %4$s/api/reconciliations/;
            }
            location %3$s/ {
              proxy_pass %4$s/;
            }
          }
        }
        """
        .formatted(prefix, port, BASE_PATH, upstream);
  }

  /** Debian's nginx, which test.sh installs; a clear failure if it is not there. */
  private static String binary() {
    Path nginx = Path.of(System.getenv().getOrDefault("NGINX", "/usr/sbin/nginx"));
    if (!Files.isExecutable(nginx)) {
      throw new IllegalStateException(
          "nginx is not at " + nginx + ": run ./test.sh, or install it with scripts/nginx.sh");
    }
    return nginx.toString();
  }

  @Override
  public void close() {
    process.stop();
  }
}
