package io.inferctl.worker.rollout;

/**
 * The command API did not take a report within the short in-line retry. The saga hands the step to a
 * deadline and runs it again later (every step is idempotent): a report is never dropped, and the
 * processor's thread is not held while the command API is away.
 */
public class ReportUndeliveredException extends RuntimeException {

    public ReportUndeliveredException(String message, Throwable cause) {
        super(message, cause);
    }
}
