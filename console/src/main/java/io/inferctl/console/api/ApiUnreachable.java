package io.inferctl.console.api;

/** An API did not answer (down, restarting, or slower than the console's timeout). */
public class ApiUnreachable extends RuntimeException {

    private final String api;

    public ApiUnreachable(String api, Throwable cause) {
        super(api + " is not answering: " + cause.getMessage(), cause);
        this.api = api;
    }

    public String api() {
        return api;
    }
}
