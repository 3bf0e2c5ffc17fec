package io.inferctl.console.signin;

import org.springframework.security.core.AuthenticationException;

/** The APIs limit failed authentications per address, and this browser's address has used its allowance. */
class TooManySignInsException extends AuthenticationException {

    TooManySignInsException(String apiDetail) {
        super("Too many failed sign-ins from your address. " + (apiDetail == null ? "Try again in a minute." : apiDetail));
    }
}
