package io.notifier.account.account;

import io.notifier.web.ProblemType;
import io.notifier.web.Problems;
import io.notifier.web.validation.AccountNo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account and its balance, for clients and operators; {@code HEAD} tells pay-api whether it
 * exists without a body, so without the balance.
 */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

  private final AccountRepository accounts;

  AccountController(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/{accountNo}")
  Account account(@PathVariable @AccountNo String accountNo) {
    return accounts
        .findById(accountNo)
        .orElseThrow(
            () ->
                Problems.notFound(
                    ProblemType.UNKNOWN_ACCOUNT,
                    "Unknown account",
                    "There is no account " + accountNo + "."));
  }
}
