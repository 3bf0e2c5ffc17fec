package io.inferctl.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A refusal of either API, as its Problem Details said it (or the status alone, if the body was not one). */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final JsonNode problem;

    public ApiException(int status, String code, String message, JsonNode problem) {
        super(message);
        this.status = status;
        this.code = code;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode problem() {
        return problem;
    }
}
