package io.inferctl.console.signin;

import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a pasted API token into a signed-in person, asking the APIs themselves (no copy of their
 * token list): the query API says whether the token is known, the command API whether it may change.
 */
@Component
public class TokenSignIn {

    private final QueryApi query;
    private final CommandApi command;

    TokenSignIn(QueryApi query, CommandApi command) {
        this.query = query;
        this.command = command;
    }

    public Authentication signIn(String token) {
        String trimmed = token == null ? "" : token.strip();
        if (trimmed.isEmpty()) {
            throw new BadCredentialsException("Paste an API token.");
        }
        try {
            query.checkReadable(trimmed);
        } catch (ApiRefusal refusal) {
            if (refusal.problem().status() == HttpStatus.UNAUTHORIZED.value()) {
                throw new BadCredentialsException("The APIs do not know this token.");
            }
            if (refusal.problem().status() == HttpStatus.FORBIDDEN.value()) {
                throw new BadCredentialsException("This token may not read endpoints.");
            }
            if (refusal.problem().status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                throw new TooManySignInsException(refusal.problem().detail());
            }
            throw refusal;
        }
        return new Signed(new ConsoleUser(trimmed, command.mayChange(trimmed)));
    }

    /** The session's authentication; its principal is the {@link ConsoleUser} the controllers receive. */
    static final class Signed extends AbstractAuthenticationToken {
        private final ConsoleUser user;

        Signed(ConsoleUser user) {
            super(authorities(user));
            this.user = user;
            setAuthenticated(true);
        }

        private static List<SimpleGrantedAuthority> authorities(ConsoleUser user) {
            List<SimpleGrantedAuthority> roles = new ArrayList<>();
            roles.add(new SimpleGrantedAuthority("ROLE_" + ConsoleRoles.VIEWER));
            if (user.mayChange()) {
                roles.add(new SimpleGrantedAuthority("ROLE_" + ConsoleRoles.DEPLOYER));
            }
            return roles;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ConsoleUser getPrincipal() {
            return user;
        }
    }
}
