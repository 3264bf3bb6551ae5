package dev.eventmart.order.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears which orders changed status, on whichever instance, and tells the {@link OrderWatchers}. The changes are
 * announced by the database itself: a trigger on {@code order_status_change} (migration V5) sends one
 * {@code pg_notify} per statement with the ids of the orders it moved, committed with the change. This instance
 * listens on one connection of its own, outside the pool (a {@code LISTEN} lasts as long as the session), on a thread
 * of its own.
 *
 * <p>After losing the database it connects again and offers every watched order its current state, because a
 * notification sent while nobody listened is gone.
 */
@Component
class OrderStatusNotifications implements SmartLifecycle {

    static final String CHANNEL = "order_status_changed";

    private static final Logger log = LoggerFactory.getLogger(OrderStatusNotifications.class);

    /** How long one wait for notifications lasts: how soon the thread notices it should stop. */
    private static final int WAIT_MILLIS = 500;

    /** Silence this long and the connection is checked: a dropped network path never raises an error by itself. */
    private static final long CHECK_AFTER_MILLIS = 30_000;

    private final DataSourceProperties dataSource;
    private final OrderWatchers watchers;
    private final LiveOrderProperties properties;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    OrderStatusNotifications(DataSourceProperties dataSource, OrderWatchers watchers,
            LiveOrderProperties properties) {
        this.dataSource = dataSource;
        this.watchers = watchers;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("order-status-notifications").daemon().start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the listener is connected and listening now. */
    boolean listening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
                    dataSource.determineUsername(), dataSource.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                log.info("Listening for order status changes");
                watchers.resync();
                receive(connection);
            }
            catch (SQLException | RuntimeException ex) {
                if (!running) {
                    break;
                }
                log.warn("Order status notifications interrupted; listening again in {}", properties.reconnectDelay(),
                        ex);
                listening = false;
                pause();
            }
            finally {
                listening = false;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long lastHeard = System.currentTimeMillis();
        while (running) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            long now = System.currentTimeMillis();
            if (received != null && received.length > 0) {
                List<UUID> changed = new ArrayList<>();
                for (PGNotification notification : received) {
                    changed.addAll(orderIds(notification.getParameter()));
                }
                watchers.changed(changed);
                lastHeard = now;
            }
            else if (now - lastHeard > CHECK_AFTER_MILLIS) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the notification connection is no longer valid");
                }
                lastHeard = now;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.reconnectDelay());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The order ids of one notification's payload: comma-separated, as the trigger writes them. */
    static List<UUID> orderIds(String payload) {
        List<UUID> ids = new ArrayList<>();
        if (payload == null || payload.isEmpty()) {
            return ids;
        }
        for (String id : payload.split(",")) {
            ids.add(UUID.fromString(id.trim()));
        }
        return ids;
    }
}
