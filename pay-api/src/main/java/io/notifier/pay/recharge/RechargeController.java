package io.notifier.pay.recharge;

import io.notifier.web.security.ApiKeys;
import io.notifier.web.tracing.TxNoAttribute;
import io.notifier.web.validation.TxNo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/recharges")
class RechargeController {

  private final RechargeService recharges;

  RechargeController(RechargeService recharges) {
    this.recharges = recharges;
  }

  /**
   * 201 for a new recharge; 200 with the original when the Idempotency-Key repeats one of the
   * client's requests. The body must be declared JSON: a wildcard Content-Type is a 415, not a
   * guess.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RechargeView> recharge(
      @AuthenticationPrincipal ApiKeys.Caller client,
      @Valid @RequestBody RechargeRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
          @Pattern(
              regexp = "[\\x21-\\x7E]{1,128}",
              message = "must be 1 to 128 visible ASCII characters")
          String idempotencyKey,
      HttpServletRequest http) {
    RechargeService.Recorded recorded = recharges.recharge(client.name(), request, idempotencyKey);
    Recharge recharge = recorded.recharge();
    TxNoAttribute.onRequest(http, recharge.txNo());
    return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/recharges/" + recharge.txNo()))
        .body(RechargeView.of(recharge));
  }

  /**
   * The query interface (the pattern's "message check"): what became of a recharge. A client sees
   * only its own (security.ClientsOwnRecharges); account-api and operators see any.
   */
  @GetMapping("/{txNo}")
  RechargeView recharge(@PathVariable @TxNo String txNo, HttpServletRequest http) {
    TxNoAttribute.onRequest(http, txNo);
    return recharges
        .find(txNo)
        .map(RechargeView::of)
        .orElseThrow(() -> RechargeService.unknownTxNo(txNo));
  }
}
