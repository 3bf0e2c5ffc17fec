package io.inferctl.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheClientIsTheRemoteAddressWhateverXForwardedForSays() {
        ClientAddress clients = new ClientAddress(List.of());
        assertThat(clients.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aRequestFromAnUntrustedAddressIsNotBelievedAboutWhereItCameFrom() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8"));
        assertThat(clients.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheClientIsTheNearestHopThatIsNoTrustedProxy() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.7"));
        // The client wrote the first hop itself; the proxies appended the rest.
        assertThat(clients.of(request("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.0.2.7"))).isEqualTo("198.51.100.1");
        assertThat(clients.of(request("10.1.2.3", "1.1.1.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void behindATrustedProxyWithoutForwardedForOrWithOnlyProxiesTheProxyIsTheClient() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8"));
        assertThat(clients.of(request("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(clients.of(request("10.1.2.3", "10.9.9.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aHopThatIsNoAddressIsTakenAsTheClientNotAsAProxy() {
        ClientAddress clients = new ClientAddress(List.of("::1", "127.0.0.1"));
        assertThat(clients.of(request("127.0.0.1", "unknown"))).isEqualTo("unknown");
    }

    private static MockHttpServletRequest request(String remote, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/endpoints");
        request.setRemoteAddr(remote);
        for (String hop : forwardedFor) {
            request.addHeader(ClientAddress.FORWARDED_FOR, hop);
        }
        return request;
    }
}
