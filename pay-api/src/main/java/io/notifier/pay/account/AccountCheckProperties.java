package io.notifier.pay.account;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pay-api asks account-api whether an account exists, before it takes a recharge. It asks with
 * pay-api's key at account-api ({@code notify.account-api-key}).
 *
 * @param url account-api's base URL for the check; {@code notify.account-api}'s when not set
 * @param cacheFor how long an account account-api knows is taken as known without asking again;
 *     unknown accounts are asked about each time
 * @param connectTimeout how long to wait for a connection; a recharge waits for the check
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("account-check")
record AccountCheckProperties(
    URI url,
    @DefaultValue("60s") Duration cacheFor,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("2s") Duration readTimeout) {}
