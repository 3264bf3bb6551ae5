package dev.eventmart.storefront.routing;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Gives a routed request its {@code Content-Length} back. The gateway removes it (its filters may rewrite a body; ours
 * never do) and then streams the body chunked, but the services refuse a body without a length ({@code 413}: they bound
 * what a client may send before reading it). Runs after the gateway's own {@code RemoveContentLengthRequestHeadersFilter}
 * (order 1000) and restores the length the browser sent.
 */
@Component
class RequestLength implements RequestHttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders apply(HttpHeaders headers, ServerRequest request) {
        long length = request.servletRequest().getContentLengthLong();
        if (length < 0 || headers.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
            return headers;
        }
        HttpHeaders withLength = new HttpHeaders();
        withLength.addAll(headers);
        withLength.setContentLength(length);
        return withLength;
    }

    @Override
    public int getOrder() {
        return 1001;
    }
}
