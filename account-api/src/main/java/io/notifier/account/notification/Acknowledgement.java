package io.notifier.account.notification;

/**
 * The answer the notifier waits for. {@code status} is SUCCESS whenever the notification is taken
 * (new, duplicate, or a failed payment with nothing to credit), so the notifier stops; {@code
 * credited} tells whether this very delivery moved money.
 */
record Acknowledgement(String status, String txNo, boolean credited) {

  static Acknowledgement of(String txNo, boolean credited) {
    return new Acknowledgement("SUCCESS", txNo, credited);
  }
}
