package io.inferctl.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How many failed authentications (401) one client address may make before it is told to wait
 * (429 with {@code Retry-After}), and how that address is found.
 *
 * @param limit          failures allowed in a burst; the bucket refills {@code limit} per {@code period}
 * @param period         how long the bucket takes to refill completely
 * @param trackedClients addresses remembered at most; past it the oldest are forgotten, so a flood
 *                       from many addresses cannot exhaust memory
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is
 *                       believed; empty (the default): the client is the connection's remote address
 *                       and {@code X-Forwarded-For} is ignored, since anyone can send it
 */
@ConfigurationProperties("inferctl.security.failed-authentication")
public record FailedAuthenticationProperties(@DefaultValue("20") int limit,
                                             @DefaultValue("1m") Duration period,
                                             @DefaultValue("10000") int trackedClients,
                                             @DefaultValue List<String> trustedProxies) {

    public FailedAuthenticationProperties {
        if (limit < 1) {
            throw new IllegalArgumentException("inferctl.security.failed-authentication.limit must be at least 1");
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("inferctl.security.failed-authentication.period must be positive");
        }
        if (trackedClients < 1) {
            throw new IllegalArgumentException("inferctl.security.failed-authentication.tracked-clients must be at least 1");
        }
    }
}
