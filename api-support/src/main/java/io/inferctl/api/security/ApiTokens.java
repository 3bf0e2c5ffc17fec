package io.inferctl.api.security;

import io.inferctl.api.Sha256;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured tokens, matched so that the time an answer takes says nothing about how close a
 * guess came: the presented token's hash is compared with every configured hash by
 * {@link MessageDigest#isEqual} (which takes the same time whatever bytes differ), and every hash is
 * compared even after a match. A hash-keyed map lookup, as before, compares strings that stop at the
 * first different character.
 */
final class ApiTokens {

    private record Known(byte[] sha256, ApiTokenProperties.Token token) {
    }

    private final List<Known> known;

    ApiTokens(List<ApiTokenProperties.Token> tokens) {
        this.known = tokens.stream().map(t -> new Known(parse(t), t)).toList();
    }

    /** The token whose hash is the presented token's, if any. */
    Optional<ApiTokenProperties.Token> match(String presented) {
        byte[] hash = Sha256.bytes(presented);
        ApiTokenProperties.Token found = null;
        for (Known candidate : known) {
            if (MessageDigest.isEqual(candidate.sha256(), hash) && found == null) {
                found = candidate.token();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] parse(ApiTokenProperties.Token token) {
        try {
            byte[] hash = HexFormat.of().parseHex(token.sha256());
            if (hash.length == Sha256.bytes("").length) {
                return hash;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // reported below, with the principal it belongs to
        }
        throw new IllegalArgumentException("inferctl.security.tokens: the sha256 of " + token.principal()
                + " must be 64 hexadecimal digits (printf %s \"$TOKEN\" | sha256sum)");
    }
}
