package io.inferctl.console.signin;

import java.io.Serializable;

/**
 * Who is signed in: the bearer token the console forwards to the APIs (so they record the real
 * person) and whether that token may change endpoints. With an OIDC login this would be built from
 * the authorized client's access token instead of a pasted one; the pages only see this record.
 */
public record ConsoleUser(String token, boolean mayChange) implements Serializable {

    @Override
    public String toString() {
        return "ConsoleUser[mayChange=" + mayChange + "]"; // never the token, should it reach a log
    }

    public String role() {
        return mayChange ? "deployer" : "viewer";
    }
}
