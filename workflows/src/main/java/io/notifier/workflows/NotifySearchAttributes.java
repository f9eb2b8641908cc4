package io.notifier.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The custom search attributes that make notifications findable in the Web UI and by {@code
 * temporal workflow list --query}. A Temporal server must have them registered (temporal-dev
 * registers them on the servers it starts; elsewhere: {@code temporal operator search-attribute
 * create}).
 *
 * <p>{@code NotifyStatus} is set once a notification is one to watch: when its first attempt failed
 * (NOTIFYING, then NOTIFIED, RECONCILING, RECONCILED, NEEDS_ATTENTION or CLOSED; FAILED in the
 * retired types). A notification delivered at its first attempt never gets one, which spares an
 * event and a visibility write for most of them: it is a completed workflow without NotifyStatus
 * ({@code ExecutionStatus="Completed" AND NotifyStatus IS NULL}).
 */
public final class NotifySearchAttributes {

  public static final SearchAttributeKey<String> TX_NO = SearchAttributeKey.forKeyword("TxNo");
  public static final SearchAttributeKey<String> ACCOUNT_NO =
      SearchAttributeKey.forKeyword("AccountNo");
  public static final SearchAttributeKey<String> NOTIFY_STATUS =
      SearchAttributeKey.forKeyword("NotifyStatus");

  public static final List<SearchAttributeKey<String>> ALL =
      List.of(TX_NO, ACCOUNT_NO, NOTIFY_STATUS);

  private NotifySearchAttributes() {}

  /** The attributes a notification starts with: what it is about, no status yet. */
  public static SearchAttributes initial(RechargeNotification notification) {
    return SearchAttributes.newBuilder()
        .set(TX_NO, notification.txNo())
        .set(ACCOUNT_NO, notification.accountNo())
        .build();
  }
}
