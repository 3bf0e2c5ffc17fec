package io.inferctl.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultPageSize items per page when a request names no {@code limit}
 * @param maxPageSize     the largest {@code limit} a request may ask for
 * @param exportFetchSize rows fetched per round trip while an audit export streams
 */
@ConfigurationProperties("inferctl.query")
public record QueryProperties(
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("1000") int exportFetchSize) {

    /** The page size a request asked for, or a 400 naming {@code limit}. */
    public int pageSize(Integer limit) {
        if (limit == null) {
            return defaultPageSize;
        }
        if (limit < 1 || limit > maxPageSize) {
            throw new BadParameterException("limit", "must be between 1 and " + maxPageSize);
        }
        return limit;
    }
}
