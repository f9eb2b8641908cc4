package io.notifier.pay.recharge;

/**
 * Whether the account system has an account, asked before a recharge is taken: money taken for an
 * account that cannot be credited could only be paid back by hand.
 */
public interface AccountCheck {

  /** What the account system said, or that it could not be asked. */
  enum Answer {
    EXISTS,
    DOES_NOT_EXIST,
    CANNOT_TELL
  }

  Answer check(String accountNo);
}
