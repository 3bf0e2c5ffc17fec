package io.inferctl.query.projection.kafka;

import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.stream.StreamedEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the events of a batch that the database refuses, so that they alone are dead-lettered and
 * the rest of the batch is applied. A batch is one transaction, so the database names no event;
 * the finder applies ever shorter prefixes of the batch and rolls each back: the shortest prefix
 * that fails ends with the event to refuse. Repeated until the batch, less those events, is taken:
 * about log2(batch size) trial transactions per refused event.
 */
final class RefusedEvents {

    private RefusedEvents() {
    }

    /**
     * Whether the failure is the database (or our own code) refusing what an event holds, which
     * retrying cannot fix: a data exception or a broken constraint (SQLSTATE classes 22 and 23), or
     * anything that is not about reaching the database or the broker. Unreachable infrastructure is
     * no fault of the events, and their batch is retried until it succeeds.
     */
    static boolean isRefusal(Throwable failure) {
        if (failure instanceof DataIntegrityViolationException) {
            return true;
        }
        return !(failure instanceof DataAccessException || failure instanceof TransactionException
                || failure instanceof DeadLetters.DeadLetterFailedException
                || failure instanceof org.springframework.kafka.KafkaException
                || failure instanceof org.apache.kafka.common.KafkaException);
    }

    /**
     * The events to refuse, each with its reason, in the order found.
     *
     * @param failure what applying the whole batch threw
     * @throws RuntimeException a failure that is no refusal, or the refusal itself when no single
     *                          event can be blamed (the batch then stays where it is)
     */
    static Map<String, String> find(Projector projector, List<StreamedEvent> events, ReadModelTables tables,
                                    RuntimeException failure) {
        Map<String, String> refuse = new LinkedHashMap<>();
        RuntimeException wholeBatchFailure = failure;
        while (wholeBatchFailure != null) {
            int taken = 0;
            int refused = events.size();
            RuntimeException cause = wholeBatchFailure;
            while (refused - taken > 1) {
                int middle = (taken + refused) >>> 1;
                RuntimeException prefixFailure = trial(projector, events.subList(0, middle), tables, refuse);
                if (prefixFailure == null) {
                    taken = middle;
                } else {
                    refused = middle;
                    cause = prefixFailure;
                }
            }
            StreamedEvent culprit = events.get(refused - 1);
            if (refuse.containsKey(culprit.eventId())) {
                // Refusing it did not help: what fails is a parked successor it releases, which is no
                // record of this batch. Retried until an operator steps in, and the health says so.
                throw cause;
            }
            refuse.put(culprit.eventId(), reason(cause));
            wholeBatchFailure = trial(projector, events, tables, refuse);
        }
        return refuse;
    }

    /** The failure of applying the events, or {@code null} when the database takes them. */
    private static RuntimeException trial(Projector projector, List<StreamedEvent> events, ReadModelTables tables,
                                          Map<String, String> refuse) {
        try {
            projector.trial(events, tables, refuse);
            return null;
        } catch (RuntimeException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            return e;
        }
    }

    static String reason(Throwable failure) {
        return "the read model's database refused it: " + cause(failure);
    }

    /** The first line of the innermost message, e.g. PostgreSQL's own, rather than Spring's wrapper around it. */
    static String cause(Throwable failure) {
        String message = String.valueOf(NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        int lineEnd = message.indexOf('\n');
        return lineEnd < 0 ? message : message.substring(0, lineEnd);
    }
}
