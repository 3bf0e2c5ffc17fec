package io.inferctl.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionResolverTest {

    private static final ConnectionResolver.Flags NO_FLAGS = new ConnectionResolver.Flags(null, null, null, null);

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        return env;
    }

    private Path checkoutWithStackEnv() throws IOException {
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve(".local"));
        Files.createDirectories(checkout.resolve("cli/src"));
        Files.writeString(checkout.resolve(ConnectionResolver.STACK_ENV), """
                COMMAND_URL=http://localhost:8081
                QUERY_URL=http://localhost:8082
                WORKER_URL=
                DEPLOYER_TOKEN=dev-deployer-token
                ADMIN_TOKEN=dev-admin-token
                """);
        return checkout;
    }

    @Test
    void theLocalStacksFileIsFoundFromAnyDirectoryBelowTheCheckout() throws IOException {
        Path checkout = checkoutWithStackEnv();

        Connection connection = new ConnectionResolver(env(), checkout.resolve("cli/src")).resolve(NO_FLAGS);

        assertThat(connection.commandUrl()).hasToString("http://localhost:8081");
        assertThat(connection.queryUrl()).hasToString("http://localhost:8082");
        assertThat(connection.token()).isEqualTo("dev-deployer-token");
    }

    @Test
    void eachSettingComesFromTheStrongestSourceThatHasIt() throws IOException {
        Path checkout = checkoutWithStackEnv();
        Map<String, String> env = env();
        ContextFile.fromEnvironment(env).save(new ContextFile.Context("staging", "https://cmd.staging", "https://query.staging", "ctx-token"));
        env.put("INFERCTL_QUERY_URL", "https://query.env");

        Connection fromContextAndEnv = new ConnectionResolver(env, checkout).resolve(NO_FLAGS);
        Connection withFlag = new ConnectionResolver(env, checkout)
                .resolve(new ConnectionResolver.Flags(null, "https://query.flag", "flag-token", null));

        assertThat(fromContextAndEnv.commandUrl()).hasToString("https://cmd.staging");
        assertThat(fromContextAndEnv.queryUrl()).hasToString("https://query.env");
        assertThat(fromContextAndEnv.token()).isEqualTo("ctx-token");
        assertThat(withFlag.queryUrl()).hasToString("https://query.flag");
        assertThat(withFlag.token()).isEqualTo("flag-token");
    }

    @Test
    void xdgConfigHomeWinsOverHomeAndTheFileIsTheOwnersAlone() throws IOException {
        Map<String, String> env = env();
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        ContextFile file = ContextFile.fromEnvironment(env);

        file.save(new ContextFile.Context("a", "http://a:1", "http://a:2", "t"));

        assertThat(file.path()).isEqualTo(dir.resolve("xdg/inferctl/config.yaml"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
    }

    @Test
    void usingAContextThatDoesNotExistIsRefusedAndChangesNothing() {
        ContextFile file = ContextFile.fromEnvironment(env());
        file.save(new ContextFile.Context("a", "http://a:1", "http://a:2", "t"));

        assertThatThrownBy(() -> file.use("b")).isInstanceOf(ConfigException.class).hasMessageContaining("no context named 'b'");
        assertThat(file.read().currentContext()).isEqualTo("a");
    }

    @Test
    void withoutAnyTokenTheAnswerSaysHowToGiveOne() {
        Map<String, String> env = env();
        env.put("INFERCTL_COMMAND_URL", "http://localhost:8081");
        env.put("INFERCTL_QUERY_URL", "http://localhost:8082");

        assertThatThrownBy(() -> new ConnectionResolver(env, dir).resolve(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("no token: run inferctl login");
    }

    @Test
    void anAddressThatIsNotHttpIsRefusedNamingIt() {
        Map<String, String> env = env();
        env.put("INFERCTL_COMMAND_URL", "localhost:8081");
        env.put("INFERCTL_QUERY_URL", "http://localhost:8082");
        env.put("INFERCTL_TOKEN", "t");

        assertThatThrownBy(() -> new ConnectionResolver(env, dir).resolve(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessage("the command URL 'localhost:8081' is not an http(s) URL");
    }
}
