package io.inferctl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the services and their servers are, and the tokens to use: the keys of the
 * {@code stack.env} that {@code bin/local-stack} writes, plus the JDBC settings the direct
 * measurements need (defaults fit the local stack).
 *
 * @param benchJdbcUrl a scratch database on the event store's PostgreSQL, for the raw INSERT limit
 * @param queryJdbcUrl the query service's database, to run its SQL directly
 * @param commandUrls  every command-service instance's API: {@code COMMAND_URL}, then {@code COMMAND_URL_2}
 *                     where the stack runs two instances ({@code bin/local-stack --instances 2})
 */
record Stack(String commandUrl, String queryUrl, String workerUrl, String kafkaBootstrap, String topic,
             String kubeconfig, String benchJdbcUrl, String queryJdbcUrl, String jdbcUser, String jdbcPassword,
             String adminToken, String deployerToken, String viewerToken, List<String> commandUrls) {

    static Stack fromEnvFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            int equals = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                env.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return fromEnv(env);
    }

    static Stack fromEnv(Map<String, String> env) {
        String postgres = "jdbc:postgresql://localhost:" + env.getOrDefault("POSTGRES_PORT", "5432") + "/";
        String commandUrl = required(env, "COMMAND_URL");
        String secondCommandUrl = blankToNull(env.get("COMMAND_URL_2"));
        return new Stack(
                commandUrl,
                required(env, "QUERY_URL"),
                blankToNull(env.get("WORKER_URL")),
                required(env, "KAFKA_BOOTSTRAP"),
                env.getOrDefault("TOPIC", "endpoint-events"),
                blankToNull(env.get("KUBECONFIG")),
                env.getOrDefault("BENCH_JDBC_URL", postgres + "bench"),
                env.getOrDefault("QUERY_JDBC_URL", postgres + "query"),
                env.getOrDefault("JDBC_USER", "postgres"),
                env.getOrDefault("JDBC_PASSWORD", ""),
                required(env, "ADMIN_TOKEN"),
                required(env, "DEPLOYER_TOKEN"),
                required(env, "VIEWER_TOKEN"),
                secondCommandUrl == null ? List.of(commandUrl) : List.of(commandUrl, secondCommandUrl));
    }

    private static String required(Map<String, String> env, String key) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the stack settings have no " + key);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
