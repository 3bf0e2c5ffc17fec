package io.inferctl.worker.rollout.report;

/**
 * The command API did not answer a report after every attempt. Thrown out of the saga's handler so
 * that the processor (or the deadline's scheduler) runs the step again later: a report is never dropped.
 */
public class ReportUndeliveredException extends RuntimeException {

    public ReportUndeliveredException(String message, Throwable cause) {
        super(message, cause);
    }
}
