package io.notifier.activities.delivery;

/**
 * account-api's documented answer to a notification: {@code {"status":"SUCCESS","txNo":…,
 * "credited":…}}. Only this answer, for this txNo, counts as delivered; any other 2xx (a gateway's
 * page, an empty body) is tried again.
 */
record Acknowledgement(String status, String txNo, Boolean credited) {

  static final String SUCCESS = "SUCCESS";

  boolean acknowledges(String ours) {
    return SUCCESS.equals(status) && ours.equals(txNo) && credited != null;
  }
}
