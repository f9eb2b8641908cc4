package io.notifier.pay.notification;

import io.notifier.workflows.NotifyWorkflow;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Where a person sees a notification's story: its workflow in the Temporal Web UI ({@code
 * notify.web-ui}), or nowhere when the run has no Web UI.
 */
@Component
class WebUiLinks {

  private final URI webUi;
  private final String namespace;

  WebUiLinks(
      NotifyProperties properties,
      @org.springframework.beans.factory.annotation.Value("${spring.temporal.namespace:default}")
          String namespace) {
    this.webUi = properties.webUi();
    this.namespace = namespace;
  }

  /** The page of one run of the notification of {@code txNo}, or null without a Web UI. */
  String of(String txNo, String runId) {
    if (webUi == null) {
      return null;
    }
    String base = webUi.toString().replaceAll("/+$", "");
    return "%s/namespaces/%s/workflows/%s/%s/history"
        .formatted(base, encode(namespace), encode(NotifyWorkflow.workflowId(txNo)), encode(runId));
  }

  /** The Web UI's list of the runs of the notification of {@code txNo}, found by its TxNo. */
  String of(String txNo) {
    if (webUi == null) {
      return null;
    }
    String base = webUi.toString().replaceAll("/+$", "");
    return "%s/namespaces/%s/workflows?query=%s"
        .formatted(base, encode(namespace), encode("TxNo=\"" + txNo + "\""));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
