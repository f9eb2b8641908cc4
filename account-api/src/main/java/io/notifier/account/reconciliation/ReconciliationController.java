package io.notifier.account.reconciliation;

import io.notifier.account.reconciliation.PayApiClient.PayRecharge;
import io.notifier.account.settlement.PaidRecharge;
import io.notifier.account.settlement.SettlementService;
import io.notifier.account.settlement.SettlementSource;
import io.notifier.web.ProblemType;
import io.notifier.web.Problems;
import io.notifier.web.tracing.TxNoAttribute;
import io.notifier.web.validation.TxNo;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account system's active check (the pattern's "message check"): when a notification is late or
 * lost, ask pay-api's query interface and settle a paid recharge, once, like a notification would.
 */
@RestController
@RequestMapping("/api/reconciliations")
class ReconciliationController {

  private final PayApiClient payApi;
  private final SettlementService settlement;

  ReconciliationController(PayApiClient payApi, SettlementService settlement) {
    this.payApi = payApi;
    this.settlement = settlement;
  }

  @PostMapping("/{txNo}")
  ReconciliationResponse reconcile(@PathVariable @TxNo String txNo, HttpServletRequest http) {
    TxNoAttribute.onRequest(http, txNo);
    PayRecharge recharge =
        payApi
            .findRecharge(txNo)
            .orElseThrow(
                () ->
                    Problems.notFound(
                        ProblemType.UNKNOWN_TX_NO,
                        "Unknown txNo",
                        "pay-api knows no recharge " + txNo + "."));
    if (!PaidRecharge.RESULT.equals(recharge.result())) {
      return new ReconciliationResponse(txNo, recharge.result(), false, false);
    }
    boolean credited =
        settlement.settle(
            new PaidRecharge(recharge.txNo(), recharge.accountNo(), recharge.amount()),
            SettlementSource.RECONCILIATION);
    return new ReconciliationResponse(txNo, recharge.result(), credited, !credited);
  }
}
