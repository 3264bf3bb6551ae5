package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.support.messaging.Failures.Kind;
import jakarta.validation.ConstraintViolationException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Each kind of failure a listener meets, as the error handler will see it, and what it means for the record. */
class FailuresTests {

    static Stream<Arguments> databaseOrBrokerAway() {
        return Stream.of(
                failure("no connection from the pool within connection-timeout",
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", hikariTimeout())),
                failure("no transaction could begin", new CannotCreateTransactionException(
                        "Could not open JPA EntityManager for transaction", hikariTimeout())),
                failure("the pool's own timeout, unwrapped", hikariTimeout()),
                failure("connection lost mid-transaction, translated by Hibernate",
                        new DataAccessResourceFailureException("could not execute statement",
                                new JDBCConnectionException("could not execute statement",
                                        sql("An I/O error occurred while sending to the backend", "08006")))),
                failure("commit failed on a broken connection", new TransactionSystemException(
                        "Could not commit JPA transaction", sql("This connection has been closed.", "08003"))),
                failure("connection refused", sql("Connection to localhost:5432 refused", "08001")),
                failure("server shut the connection down, then the rollback failed on it and hid that",
                        rollbackOverriding(sql("terminating connection due to administrator command", "57P01"))),
                failure("the rollback failed on a closed connection, the failure before it only logged (Spring 7)",
                        failedRollback()),
                failure("too many connections", sql("sorry, too many clients already", "53300")),
                failure("disk full", sql("could not extend file", "53100")),
                failure("serialization failure", sql("could not serialize access", "40001")),
                failure("deadlock", sql("deadlock detected", "40P01")),
                failure("lock timeout", sql("canceling statement due to lock timeout", "55P03")),
                failure("statement timeout", sql("canceling statement due to statement timeout", "57014")),
                failure("server shutting down", sql("terminating connection due to administrator command", "57P01")),
                failure("server crashed", sql("terminating connection due to crash of another process", "57P02")),
                failure("server starting", sql("the database system is starting up", "57P03")),
                failure("a batch insert's next exception", batchAbortedBy(sql("deadlock detected", "40P01"))),
                failure("Spring's lock failure", new CannotAcquireLockException("could not obtain lock")),
                failure("Spring's pessimistic locking failure", new PessimisticLockingFailureException("lock")),
                failure("Spring's optimistic locking failure", new OptimisticLockingFailureException("stale row")),
                failure("Spring's query timeout", new QueryTimeoutException("query timed out")),
                failure("JDBC recoverable", new SQLRecoverableException("connection reset")),
                failure("Kafka timeout", new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")),
                failure("Kafka leader moving", new NotLeaderOrFollowerException("not the leader")),
                failure("a send that failed in the broker's absence", new KafkaException("Send failed",
                        new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("no metadata")))),
                failure("a wait that timed out", new java.util.concurrent.TimeoutException("no ack in 10 s")),
                failure("inside a batch listener's wrappers", inBatch(new CannotCreateTransactionException(
                        "Could not open JPA EntityManager for transaction", hikariTimeout()))));
    }

    static Stream<Arguments> neverPasses() {
        return Stream.of(
                failure("unreadable event", new UnreadableEvent("unknown event type x version 9")),
                failure("unreadable event inside a batch listener's wrappers",
                        inBatch(new UnreadableEvent("cannot read StockReserved"))),
                failure("Bean Validation", new ConstraintViolationException("lines: must not be empty", Set.of())),
                failure("a rule on the record's content", new IllegalArgumentException("cannot add USD to EUR")),
                failure("a NUL byte PostgreSQL cannot store", new DataIntegrityViolationException("could not execute",
                        sql("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))),
                failure("a value too long", new DataIntegrityViolationException("could not execute",
                        sql("value too long for type character varying(40)", "22001"))),
                failure("a missing value", new DataIntegrityViolationException("could not execute",
                        sql("null value in column \"sku\" violates not-null constraint", "23502"))),
                failure("a check the values break", sql("new row violates check constraint", "23514")),
                failure("Spring Kafka's conversion failure", new MessageConversionException("cannot convert")),
                failure("Spring Kafka's deserialization failure",
                        new DeserializationException("cannot deserialize", new byte[0], false, new RuntimeException())),
                failure("a payload of the wrong type", new ClassCastException("not a StockReserved")),
                failure("a service's own permanent failure", new RecipientGone()));
    }

    static Stream<Arguments> cannotTell() {
        return Stream.of(
                failure("a unique key another instance just took", new DuplicateKeyException("duplicate key",
                        sql("duplicate key value violates unique constraint", "23505"))),
                failure("a unique key, untranslated", new DataIntegrityViolationException("could not execute",
                        sql("duplicate key value violates unique constraint", "23505"))),
                failure("a row another transaction has not committed yet", new DataIntegrityViolationException(
                        "could not execute", sql("violates foreign key constraint", "23503"))),
                failure("a state the handler did not expect", new IllegalStateException("payment is refunded")),
                failure("a bug", new NullPointerException("lines")),
                failure("bad SQL", new BadSqlGrammarException("select", "select frm", sql("syntax error", "42601"))),
                failure("a program limit", new DataAccessResourceFailureException("could not execute",
                        sql("index row size exceeds maximum", "54000"))),
                failure("anything else", new RuntimeException("boom")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseOrBrokerAway")
    void retriesForAsLongAsItTakesWhileTheDatabaseOrBrokerIsAway(String what, Throwable failure) {
        assertThat(Failures.classify(failure)).isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neverPasses")
    void deadLettersAtOnceWhatCanNeverPass(String what, Throwable failure) {
        assertThat(Failures.classify(failure)).isEqualTo(Kind.PERMANENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cannotTell")
    void givesAFewRetriesToWhatItCannotTell(String what, Throwable failure) {
        assertThat(Failures.classify(failure)).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void treatsTheDatabaseGoingAwayAsTransientWhateverElseTheChainHolds() {
        Throwable failure = new UnreadableEvent("could not look up the schema", hikariTimeout());

        assertThat(Failures.classify(failure)).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void readsACauseChainThatLoopsOnlyOnce() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);

        assertThat(Failures.classify(outer)).isEqualTo(Kind.UNKNOWN);
    }

    private static Arguments failure(String what, Throwable failure) {
        return Arguments.of(what, failure);
    }

    private static SQLException sql(String message, String state) {
        return new SQLException(message, state);
    }

    private static SQLTransientConnectionException hikariTimeout() {
        return new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms.");
    }

    private static SQLException batchAbortedBy(SQLException next) {
        SQLException batch = new BatchUpdateException("Batch entry 0 was aborted. Call getNextException to see other "
                + "errors in the batch.", null, new int[0]);
        batch.setNextException(next);
        return batch;
    }

    /** As the container reports a failure that EventBatches pinned on a record. */
    private static Exception inBatch(Exception failure) {
        return new ListenerExecutionFailedException("Listener failed",
                new BatchListenerFailedException("StockReserved failed", failure, 0));
    }

    private static final class RecipientGone extends RuntimeException implements PermanentFailure {

        RecipientGone() {
            super("550 no such user");
        }
    }

    /** A rollback's failure that carries the failure it hid as suppressed. */
    private static RuntimeException rollbackOverriding(Exception original) {
        RuntimeException rollback = new RuntimeException("Unable to roll back",
                new RuntimeException("rollback failed"));
        rollback.addSuppressed(original);
        return rollback;
    }

    /**
     * As JpaTransactionManager and Spring's transaction interceptor throw it when the connection was closed under the
     * transaction: Hibernate's rollback failure, translated, with nothing of the failure that came first.
     */
    private static RuntimeException failedRollback() {
        return new org.springframework.orm.jpa.JpaSystemException(new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new java.sql.SQLException("Connection is closed")));
    }
}
