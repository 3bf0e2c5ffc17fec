package io.inferctl.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.Collections;
import java.util.List;

/**
 * The address a request came from, for limits that count per client. The connection's remote
 * address, unless it is a trusted proxy: then the nearest address in {@code X-Forwarded-For} that is
 * not itself a trusted proxy (read from the right, since each proxy appends what it saw and a client
 * can write anything to the left). With no trusted proxy configured, {@code X-Forwarded-For} is
 * never read: a client could otherwise name a new address on every request and escape its limit.
 */
public final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpAddressMatcher> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).map(IpAddressMatcher::new).toList();
    }

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !isTrusted(remote)) {
            return remote;
        }
        List<String> hops = Collections.list(request.getHeaders(FORWARDED_FOR)).stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return remote;
    }

    private boolean isTrusted(String address) {
        try {
            return trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException e) {
            // Not an address at all (a forged hop such as "unknown"): no proxy of ours wrote it.
            return false;
        }
    }
}
