package io.notifier.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of both services' HTTP edge.
 *
 * @param maxBodySize the largest request body taken ({@code API_MAX_BODY_SIZE=64KB}); larger ones
 *     are answered 413. The biggest valid body, a notification, is a few hundred bytes.
 */
@ConfigurationProperties("api")
public record ApiEdgeProperties(@DefaultValue("16KB") DataSize maxBodySize) {}
