package io.inferctl.console.endpoint;

import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiViews.Catalog;
import io.inferctl.console.api.CommandApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * The command API's catalog, which the create and update forms offer: read with the signed-in
 * person's token (any role may read it) and kept for {@code catalog-ttl}, since it changes only
 * when the command service is redeployed with another policy and every form needs it.
 */
@Component
public class CatalogReader {

    private record Kept(Catalog catalog, Instant until) {
    }

    private final CommandApi command;
    private final ConsoleProperties properties;
    private final Clock clock;
    private volatile Kept kept;

    @Autowired
    CatalogReader(CommandApi command, ConsoleProperties properties) {
        this(command, properties, Clock.systemUTC());
    }

    CatalogReader(CommandApi command, ConsoleProperties properties, Clock clock) {
        this.command = command;
        this.properties = properties;
        this.clock = clock;
    }

    public Catalog read(String token) {
        Kept now = kept;
        Instant at = clock.instant();
        if (now == null || !at.isBefore(now.until())) {
            // Two pages at once may both read it: the answer is the same, and a lock would cost more.
            now = new Kept(command.catalog(token), at.plus(properties.catalogTtl()));
            kept = now;
        }
        return now.catalog();
    }
}
