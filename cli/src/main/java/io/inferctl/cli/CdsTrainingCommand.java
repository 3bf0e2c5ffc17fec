package io.inferctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inferctl.cli.output.OutputFormat;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Loads the classes a typical call loads (YAML and JSON, the HTTP client, a table, the usage
 * help) without any network, for bin/inferctl to record them in the class-data-sharing archive:
 * an archive written by whatever command happened to run first would hold only that command's.
 */
@Command(name = "cds-training", hidden = true)
public final class CdsTrainingCommand extends SessionCommand {

    private static final String CLOSED_PORT = "http://127.0.0.1:1";
    private static final String SAMPLE = """
            {"items":[{"version":1,"status":"CURRENT","createdAt":"2026-01-01T00:00:00Z",
             "config":{"accelerator":{"type":"NVIDIA_H100","count":1}},"changes":[{"field":"accelerator.count","from":1,"to":2}]}]}""";

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = session().json();
        JsonNode sample = json.readTree(SAMPLE);
        new ObjectMapper(new YAMLFactory()).readTree(new ObjectMapper(new YAMLFactory()).writeValueAsString(sample));
        // A request to a port nothing listens on runs the HTTP client's whole connection path
        // (its classes are most of what a call loads) and fails at once, without leaving the machine.
        HttpRequest request = HttpRequest.newBuilder(URI.create(CLOSED_PORT + "/v1/endpoints"))
                .header("Accept", "application/json").GET().build();
        try {
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException expected) {
            // refused, as intended
        }
        StringWriter sink = new StringWriter();
        for (OutputFormat format : OutputFormat.values()) {
            Printer printer = new Printer(new PrintWriter(sink), format, true, json);
            printer.printStructured(sample);
            printer.table(List.of("VERSION", "STATUS"), List.of(List.of("v1", "CURRENT")));
        }
        spec.root().subcommands().get("versions").usage(new PrintWriter(sink));
        return ExitCode.OK;
    }
}
