package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who follows which order on this instance. Told which orders changed ({@link OrderStatusNotifications}), it reads
 * only those someone follows, in one query, and offers each watcher the order's new state; orders nobody here follows
 * cost nothing but the lookup in this map.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(LiveOrderProperties.class)
class OrderWatchers {

    private final Map<UUID, Set<OrderWatcher>> watchers = new ConcurrentHashMap<>();
    private final OrderViews views;

    OrderWatchers(OrderViews views) {
        this.views = views;
    }

    void watch(UUID orderId, OrderWatcher watcher) {
        watchers.compute(orderId, (id, set) -> {
            Set<OrderWatcher> watching = set == null ? ConcurrentHashMap.newKeySet() : set;
            watching.add(watcher);
            return watching;
        });
    }

    void unwatch(UUID orderId, OrderWatcher watcher) {
        watchers.computeIfPresent(orderId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** These orders changed status: each watcher of one of them is offered its state now. */
    void changed(Collection<UUID> orderIds) {
        List<UUID> watched = orderIds.stream().filter(watchers::containsKey).distinct().toList();
        if (watched.isEmpty()) {
            return;
        }
        for (OrderView order : views.findAll(watched)) {
            watchers.getOrDefault(order.orderId(), Set.of()).forEach(watcher -> watcher.offer(order));
        }
    }

    /** Every watched order may have changed unnoticed (the listener was disconnected): offers each its state now. */
    void resync() {
        changed(List.copyOf(watchers.keySet()));
    }

    boolean watched(UUID orderId) {
        return watchers.containsKey(orderId);
    }

    @Scheduled(fixedRateString = "${eventmart.order.live.heartbeat:15s}",
            initialDelayString = "${eventmart.order.live.heartbeat:15s}")
    void heartbeat() {
        watchers.values().forEach(set -> set.forEach(OrderWatcher::heartbeat));
    }
}
