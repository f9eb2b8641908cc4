package io.notifier.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The custom search attributes that make notifications findable in the Web UI and by {@code
 * temporal workflow list --query}. A Temporal server must have them registered (the dev-server
 * script and the embedded server do; elsewhere: {@code temporal operator search-attribute create}).
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

  /** The attributes a notification starts with. */
  public static SearchAttributes initial(RechargeNotification notification) {
    return SearchAttributes.newBuilder()
        .set(TX_NO, notification.txNo())
        .set(ACCOUNT_NO, notification.accountNo())
        .set(NOTIFY_STATUS, NotifyStatus.NOTIFYING.name())
        .build();
  }
}
