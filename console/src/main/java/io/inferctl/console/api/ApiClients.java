package io.inferctl.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;

/**
 * One {@link RestClient} per API. Every refusal becomes an {@link ApiRefusal} carrying the API's own
 * Problem Details, so a page can show the API's words next to the field they name.
 */
@Configuration(proxyBeanMethods = false)
class ApiClients {

    @Bean
    QueryApi queryApi(RestClient.Builder builder, ConsoleProperties properties, ObjectMapper json) {
        return new QueryApi(client(builder, properties, json, properties.queryUrl().toString()), json);
    }

    @Bean
    CommandApi commandApi(RestClient.Builder builder, ConsoleProperties properties, ObjectMapper json) {
        return new CommandApi(client(builder, properties, json, properties.commandUrl().toString()), json);
    }

    private static RestClient client(RestClient.Builder builder, ConsoleProperties properties, ObjectMapper json,
                                     String baseUrl) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.apiTimeout())
                // HTTP/1.1: the services speak it, and an h2c upgrade attempt costs a round trip per call.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.apiTimeout());
        return builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .requestInterceptor(new ForwardedFor())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new ApiRefusal(problemOf(response, json));
                })
                .build();
    }

    static ApiProblem problemOf(ClientHttpResponse response, ObjectMapper json) throws IOException {
        int status = response.getStatusCode().value();
        try (InputStream body = response.getBody()) {
            ApiProblem problem = json.readValue(body, ApiProblem.class);
            return new ApiProblem(status, problem.code(), problem.title(), problem.detail(), problem.errors());
        } catch (IOException | RuntimeException unreadable) {
            // Not Problem Details (a proxy's page, an empty body): the status is all there is to say.
            return new ApiProblem(status, "HTTP_" + status, response.getStatusText(), null, null);
        }
    }
}
