package io.inferctl.cli.config;

import java.net.URI;

/** Where the APIs are and who calls them, once every source of settings has been weighed. */
public record Connection(URI commandUrl, URI queryUrl, String token, String source) {
}
