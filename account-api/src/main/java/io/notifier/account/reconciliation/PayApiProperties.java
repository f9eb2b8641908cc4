package io.notifier.account.reconciliation;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where pay-api's query interface is, and how long to wait for it.
 *
 * @param url pay-api's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("pay-api")
public record PayApiProperties(
    @DefaultValue("http://127.0.0.1:8081") URI url,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout) {}
