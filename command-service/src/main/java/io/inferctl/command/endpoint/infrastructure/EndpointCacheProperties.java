package io.inferctl.command.endpoint.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxEntries endpoints kept loaded between commands on this instance, least recently used dropped
 *                   first; 0 keeps none. An endpoint with a long history holds every version's settings, so
 *                   an entry is tens of kilobytes at most: the default costs a few tens of megabytes.
 */
@ConfigurationProperties("inferctl.endpoint-cache")
public record EndpointCacheProperties(@DefaultValue("1000") int maxEntries) {
}
