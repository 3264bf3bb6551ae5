package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;
import org.springframework.web.context.request.async.DeferredResult;

/** A request waiting for its order to become final: answered with the first final state offered. */
final class TerminalWait implements OrderWatcher {

    private final DeferredResult<OrderView> result;

    TerminalWait(DeferredResult<OrderView> result) {
        this.result = result;
    }

    @Override
    public void offer(OrderView order) {
        if (order.status().isTerminal()) {
            result.setResult(order);
        }
    }
}
