package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.File;
import java.io.IOException;

/** An endpoint file: {@code name}, {@code comment} and {@code config} in the command API's shape, as YAML (JSON is YAML too). */
final class EndpointFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EndpointFile() {
    }

    static ObjectNode read(File file, CommandLine commandLine) {
        JsonNode document;
        try {
            document = YAML.readTree(file);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.toString();
            throw new ParameterException(commandLine, "cannot read " + file + ": " + why);
        }
        if (!(document instanceof ObjectNode object) || !object.path("name").isTextual() || !object.path("config").isObject()) {
            throw new ParameterException(commandLine, file + " must hold a name and a config, e.g. name: llama-chat, config: {model: {...}, ...}");
        }
        return object;
    }
}
