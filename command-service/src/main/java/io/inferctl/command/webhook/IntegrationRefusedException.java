package io.inferctl.command.webhook;

/** A command the WebhookIntegration refused; nothing was appended. */
public class IntegrationRefusedException extends RuntimeException {

    /** Why; the web layer maps each to a status. */
    public enum Code {
        INTEGRATION_NOT_FOUND,
        INTEGRATION_DISABLED,
        INTEGRATION_NAME_TAKEN
    }

    private final Code code;

    public IntegrationRefusedException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
