package dev.tollgate.model.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Sends requests that match to an upstream.
 *
 * @param priority breaks ties between routes whose paths match equally well; higher wins, 0 unless set
 * @param preserveHost send the client's {@code Host} to the upstream instead of the target's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(
        String id,
        RouteMatch match,
        String upstream,
        Rewrite rewrite,
        Integer priority,
        Timeouts timeouts,
        ResponseRewrite responseRewrite,
        Boolean preserveHost) {

    public Route {
        match = match == null ? RouteMatch.ANY : match;
    }

    public static Route of(String id, RouteMatch match, String upstream) {
        return new Route(id, match, upstream, null, null, null, null, null);
    }

    public int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    public boolean preserveHostOrDefault() {
        return preserveHost != null && preserveHost;
    }

    public Route withId(String newId) {
        return new Route(newId, match, upstream, rewrite, priority, timeouts, responseRewrite, preserveHost);
    }

    public Route withUpstream(String newUpstream) {
        return new Route(id, match, newUpstream, rewrite, priority, timeouts, responseRewrite, preserveHost);
    }
}
