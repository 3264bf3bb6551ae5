package dev.eventmart.support.messaging;

import dev.eventmart.events.UnreadableEvent;
import jakarta.validation.ValidationException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Decides, in this one place, what kind of failure a listener met; {@link ListenerErrorHandlers} acts on it. The
 * whole cause chain is read (a batch listener's {@code BatchListenerFailedException}, the container's
 * {@code ListenerExecutionFailedException}, Spring's and Hibernate's translations, JDBC's next exceptions, the
 * failure a failed rollback hid), and
 * the first rule below that matches anything in it decides.
 * <ol>
 * <li>{@link Kind#TRANSIENT}: the database or the broker was unavailable or contended. Retried for as long as it
 * takes, never dead-lettered. Spring's {@link TransientDataAccessException} (query timeout, lock, serialization
 * and optimistic-locking failures, deadlock) and {@link RecoverableDataAccessException}; no connection or no
 * transaction to be had ({@link CannotGetJdbcConnectionException}, {@link CannotCreateTransactionException},
 * {@link TransactionTimedOutException}); JDBC's {@link SQLTransientException} (Hikari's "connection is not
 * available") and {@link SQLRecoverableException}; a PostgreSQL SQLState of class {@code 08} (connection) or
 * {@code 53} (insufficient resources), {@code 40001} (serialization failure), {@code 40P01} (deadlock),
 * {@code 55P03} (lock not available), {@code 57014} (statement timeout) or {@code 57P01}–{@code 57P03} (server
 * shutting down or starting); a commit or rollback that failed on the JDBC connection (Hibernate's
 * {@code TransactionException} or Spring's {@link TransactionSystemException} caused by an {@link SQLException}); Kafka's {@link RetriableException} (its {@code TimeoutException} among them); and a
 * wait that timed out ({@link TimeoutException}). It wins over everything else in the chain, because such an
 * attempt never had a fair run, and dead-lettering it would drop a compensation that nothing replays.</li>
 * <li>{@link Kind#UNKNOWN}: a row written by a concurrent transaction stands in the way: a unique
 * ({@link DuplicateKeyException}, {@code 23505}), foreign-key ({@code 23503}) or exclusion ({@code 23P01})
 * violation. Two instances racing cause it, and the retry passes.</li>
 * <li>{@link Kind#PERMANENT}: the record can never be processed. Dead-lettered at once. {@link UnreadableEvent}
 * (not CloudEvents, unknown type or version, malformed); Bean Validation's {@link ValidationException};
 * {@link IllegalArgumentException} (a rule on the record's own content); the conversion failures Spring Kafka
 * itself never retries ({@link DeserializationException}, {@link MessageConversionException},
 * {@link ConversionException}, {@link MethodArgumentResolutionException}, {@link NoSuchMethodException},
 * {@link ClassCastException}); a {@link DataIntegrityViolationException} or SQLState of class {@code 22}/{@code 23}
 * (a NUL byte, a value too long, a null or a check the record's values break); and any {@link PermanentFailure}.</li>
 * <li>{@link Kind#UNKNOWN}: everything else. A few bounded retries, then the dead-letter topic. An exception no
 * rule names is most often a bug that fails the same way every time: retrying it forever would hold up every
 * later record of its partition, while the dead-letter topic keeps it byte for byte for a replay once fixed. The
 * few retries absorb a one-off.</li>
 * </ol>
 */
public final class Failures {

    /** What a failure means for its record. */
    public enum Kind {
        /** Passes once the database or broker is back: retry for as long as it takes. */
        TRANSIENT,
        /** Never passes: dead-letter at once. */
        PERMANENT,
        /** Neither known: a few retries, then dead-letter. */
        UNKNOWN
    }

    private static final List<Class<?>> TRANSIENT_TYPES = List.of(
            TransientDataAccessException.class, RecoverableDataAccessException.class,
            CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            TransactionTimedOutException.class, SQLTransientException.class, SQLRecoverableException.class,
            RetriableException.class, TimeoutException.class);

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
            "57P03");

    private static final Set<String> CONFLICT_STATES = Set.of("23505", "23503", "23P01");

    // Classes, not exception types only: PermanentFailure is an interface.
    private static final List<Class<?>> PERMANENT_TYPES = List.of(UnreadableEvent.class,
            PermanentFailure.class, ValidationException.class, IllegalArgumentException.class,
            DeserializationException.class, MessageConversionException.class, ConversionException.class,
            MethodArgumentResolutionException.class, NoSuchMethodException.class, ClassCastException.class,
            DataIntegrityViolationException.class);

    private Failures() {
    }

    public static Kind classify(@Nullable Throwable failure) {
        List<Throwable> chain = chain(failure);
        if (chain.stream().anyMatch(Failures::isTransient)) {
            return Kind.TRANSIENT;
        }
        if (chain.stream().anyMatch(Failures::isConflict)) {
            return Kind.UNKNOWN;
        }
        if (chain.stream().anyMatch(Failures::isPermanent)) {
            return Kind.PERMANENT;
        }
        return Kind.UNKNOWN;
    }

    private static boolean isTransient(Throwable cause) {
        return isAny(TRANSIENT_TYPES, cause) || hasSqlState(cause, state -> state.startsWith("08")
                || state.startsWith("53") || TRANSIENT_STATES.contains(state)) || isFailedTransactionControl(cause);
    }

    /**
     * A commit or rollback that failed on the JDBC connection itself: the connection is gone, so nothing of the
     * attempt committed (or, for a commit, its outcome is unknown, which an idempotent retry settles). It matters
     * because of what it hides: when the server drops a connection mid-transaction, Hikari closes it, the rollback
     * then fails with a bare "Connection is closed" (no SQLState), and Spring's transaction interceptor throws that
     * rollback failure and only logs the failure that caused it, unless the rollback failure is a
     * {@link TransactionSystemException} (then {@link #chain} reads the hidden one).
     */
    private static boolean isFailedTransactionControl(Throwable cause) {
        return (cause instanceof org.hibernate.TransactionException || cause instanceof TransactionSystemException)
                && cause.getCause() instanceof SQLException;
    }

    private static boolean isConflict(Throwable cause) {
        return cause instanceof DuplicateKeyException || hasSqlState(cause, CONFLICT_STATES::contains);
    }

    private static boolean isPermanent(Throwable cause) {
        return isAny(PERMANENT_TYPES, cause)
                || hasSqlState(cause, state -> state.startsWith("22") || state.startsWith("23"));
    }

    private static boolean isAny(List<Class<?>> types, Throwable cause) {
        return types.stream().anyMatch(type -> type.isInstance(cause));
    }

    private static boolean hasSqlState(Throwable cause, Predicate<String> test) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && test.test(sql.getSQLState());
    }

    /** The failure and everything it wraps, each once, outermost first. */
    private static List<Throwable> chain(@Nullable Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.add(failure);
        }
        List<Throwable> chain = new ArrayList<>();
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            chain.add(next);
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            // A rollback that fails after the work failed hides the work's failure: Spring's transaction interceptor
            // throws the rollback's and keeps the original only in a TransactionSystemException (below); others
            // keep failures of their own as suppressed.
            pending.addAll(List.of(next.getSuppressed()));
            if (next instanceof TransactionSystemException system && system.getApplicationException() != null) {
                pending.add(system.getApplicationException());
            }
        }
        return chain;
    }
}
