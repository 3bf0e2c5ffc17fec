package io.inferctl.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * API tokens, stored only as SHA-256 hashes: a leaked configuration does not leak a usable token.
 * API tokens are long random strings, so a fast hash is enough (a slow password hash would cost
 * every request tens of milliseconds for no gain). Every service reads the same form, so one set of
 * tokens works across the suite.
 */
@ConfigurationProperties("inferctl.security")
public record ApiTokenProperties(@DefaultValue List<Token> tokens) {

    /**
     * @param principal who the token belongs to; recorded as the creator of what it changes
     * @param sha256    lower-case hex SHA-256 of the token, e.g. {@code printf %s "$TOKEN" | sha256sum}
     */
    public record Token(String principal, ApiRole role, String sha256) {
    }
}
