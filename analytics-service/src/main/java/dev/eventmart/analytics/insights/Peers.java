package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks another instance of the service for figures from its partitions of the stores, over its internal endpoints
 * ({@link PartitionsController}), which answer from their own stores only and never forward: a request crosses one hop
 * at most, whatever the instances believe about each other.
 *
 * <p>An answer counts only if it is {@code 200} (the figures) or {@code 204} (nothing under that key in that
 * partition). Anything else, a timeout or a refused connection included, fails the query with
 * {@link AnalyticsUnavailable}: a {@code 404} from an instance that does not know the endpoint must not pass for "not
 * tracked", and an instance that is gone is replaced by the group within seconds.
 */
class Peers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Peers.class);
    private static final ParameterizedTypeReference<List<Bucket>> BUCKETS = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;
    private final HttpClient client;

    Peers(RestClient http, HttpClient client) {
        this.http = http;
        this.client = client;
    }

    Optional<UserActivity> user(HostInfo peer, int partition, String userId) {
        return get(peer, uri(peer, "/partitions/{partition}/users/{userId}").build(partition, userId),
                new ParameterizedTypeReference<>() {
                });
    }

    Optional<ProductStats> product(HostInfo peer, int partition, String productId) {
        return get(peer, uri(peer, "/partitions/{partition}/products/{productId}").build(partition, productId),
                new ParameterizedTypeReference<>() {
                });
    }

    Overview overview(HostInfo peer, int partition) {
        return require(peer, get(peer, uri(peer, "/partitions/{partition}/overview").build(partition),
                new ParameterizedTypeReference<>() {
                }));
    }

    List<Bucket> perMinute(HostInfo peer, int partition, Metric metric, Instant from, Instant to) {
        URI uri = uri(peer, "/partitions/{partition}/timeseries")
                .queryParam("metric", metric.name())
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .build(partition);
        return require(peer, get(peer, uri, BUCKETS));
    }

    TopProducts topProducts(HostInfo peer, Collection<Integer> partitions, ProductRanking ranking, int limit) {
        URI uri = uri(peer, "/products/top")
                .queryParam("by", ranking.name())
                .queryParam("limit", limit)
                .queryParam("partitions", partitions.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .build()
                .toUri();
        return require(peer, get(peer, uri, new ParameterizedTypeReference<>() {
        }));
    }

    @Override
    public void close() {
        client.close();
    }

    private static UriComponentsBuilder uri(HostInfo peer, String path) {
        return UriComponentsBuilder.newInstance().scheme("http").host(peer.host()).port(peer.port())
                .path(PartitionsController.PATH).path(path);
    }

    private <T> Optional<T> get(HostInfo peer, URI uri, ParameterizedTypeReference<T> type) {
        try {
            return http.get().uri(uri).exchange((request, response) -> {
                HttpStatusCode status = response.getStatusCode();
                if (status.isSameCodeAs(HttpStatus.NO_CONTENT)) {
                    return Optional.empty();
                }
                if (!status.isSameCodeAs(HttpStatus.OK)) {
                    throw new PeerRefused(peer, status);
                }
                return Optional.ofNullable(response.bodyTo(type));
            });
        }
        catch (RestClientException ex) {
            log.warn("Analytics instance {} did not answer {}: {}", peer, uri.getPath(), ex.toString());
            throw AnalyticsUnavailable.instanceUnavailable(peer, ex);
        }
    }

    private static <T> T require(HostInfo peer, Optional<T> answer) {
        return answer.orElseThrow(() -> AnalyticsUnavailable.instanceUnavailable(peer,
                new IllegalStateException("an empty answer where figures were due")));
    }

    /** A peer answered, but not with figures (it is rebalancing, the partition moved, it failed). */
    static final class PeerRefused extends RestClientException {

        PeerRefused(HostInfo peer, HttpStatusCode status) {
            super("analytics instance " + peer + " answered " + status.value());
        }
    }
}
