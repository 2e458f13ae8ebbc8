package dev.tollgate.runtime.proxy;

import dev.tollgate.runtime.upstream.Outcome;
import dev.tollgate.runtime.upstream.TargetHandle;
import java.nio.ByteBuffer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway→upstream request of an exchange and the listener for its upstream→gateway
 * response. A retry creates a new attempt, so late events of an abandoned attempt cannot touch
 * the client's response.
 *
 * <p>The response head is copied to the client when it arrives, and each body chunk is written
 * to the client before the next one is demanded from the upstream: memory use stays at one chunk
 * per exchange whatever the body size.
 */
final class UpstreamAttempt extends Callback.Completable implements org.eclipse.jetty.client.Response.Listener {

    static final String ATTRIBUTE = UpstreamAttempt.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAttempt.class);

    /** Returns whether an upstream status means "try another target" when a retry is still allowed. */
    private static boolean isRetryableStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private final GatewayHandler handler;
    private final ProxyExchange exchange;
    private final TargetHandle target;

    private org.eclipse.jetty.client.Request upstreamRequest;
    private Runnable continueAction;
    private long sendNanos;
    private boolean headersForwarded;
    private long expectedBodyBytes = -1;
    private long forwardedBodyBytes;
    private boolean lastWritten;
    private boolean discardedForRetry;
    private boolean targetReleased;

    UpstreamAttempt(GatewayHandler handler, ProxyExchange exchange, TargetHandle target) {
        this.handler = handler;
        this.exchange = exchange;
        this.target = target;
    }

    TargetHandle target() {
        return target;
    }

    /** Registers what to run when the upstream responds to {@code Expect: 100-continue} with 100. */
    void onUpstreamContinue(Runnable action) {
        this.continueAction = action;
    }

    /** Called by the client's continue handler when the upstream sent 100 Continue. */
    void upstreamContinued() {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} upstream→gateway 100 Continue; reading the client's body", exchange.requestId());
        }
        Runnable action = continueAction;
        continueAction = null;
        if (action != null) {
            action.run();
        }
    }

    /** Relays an interim 1xx response (102, 103) from the upstream to the client. */
    void forwardInterim(int status, HttpFields headers) {
        if (!exchange.isResponseStarted()) {
            exchange.clientResponse().writeInterim(status, headers);
        }
    }

    void send(org.eclipse.jetty.client.Request request) {
        this.upstreamRequest = request;
        target.onRequestStart();
        sendNanos = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} gateway→upstream {} {}{} (attempt {})", exchange.requestId(), request.getMethod(), target.url(),
                    AccessLog.redactQuery(exchange.upstreamPathAndQuery(), exchange.snapshot().sensitiveQueryParameters()),
                    exchange.attemptCount());
        }
        request.send(this);
    }

    void abort(Throwable cause) {
        org.eclipse.jetty.client.Request request = upstreamRequest;
        if (request != null) {
            request.abort(cause);
        }
    }

    @Override
    public void onHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
        int status = upstreamResponse.getStatus();
        exchange.upstreamLatencyNanos(System.nanoTime() - sendNanos);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} upstream→gateway {} from {}", exchange.requestId(), status, target.url());
        }

        if (isRetryableStatus(status) && hasUntriedTarget() && handler.mayRetry(exchange)) {
            discardedForRetry = true;
            exchange.failure(ProxyFailure.UPSTREAM_FAILED);
            exchange.discardedUpstreamStatus(status);
            upstreamResponse.abort(new RetryableStatusException(status));
            return;
        }

        forwardHead(upstreamResponse);
    }

    /**
     * Returns whether the pool has a target this exchange has not tried. Without one, a 502, 503
     * or 504 from the only target is passed to the client as it is instead of being retried.
     */
    private boolean hasUntriedTarget() {
        return exchange.route().pool().targets().size() > exchange.triedTargets().size() + 1;
    }

    private void forwardHead(org.eclipse.jetty.client.Response upstreamResponse) {
        headersForwarded = true;
        // A failure of an earlier attempt no longer describes the exchange once a response arrived.
        exchange.clearRetriedFailure();
        exchange.status(upstreamResponse.getStatus());
        exchange.responseStarted();
        org.eclipse.jetty.server.Response clientResponse = exchange.clientResponse();
        clientResponse.setStatus(upstreamResponse.getStatus());
        ProxyHeaders.writeClientResponseHeaders(exchange, upstreamResponse.getHeaders(), clientResponse.getHeaders());
        if (!HttpMethod.HEAD.is(exchange.method())) {
            expectedBodyBytes = upstreamResponse.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        }
    }

    @Override
    public void onContent(org.eclipse.jetty.client.Response upstreamResponse, Content.Chunk chunk, Runnable demander) {
        ByteBuffer content = chunk.getByteBuffer();
        if (!content.hasRemaining()) {
            demander.run();
            return;
        }
        exchange.addResponseBytes(content.remaining());
        forwardedBodyBytes += content.remaining();
        // When the declared length is reached this write ends the response, which saves Jetty a
        // separate final write; onSuccess then has nothing left to write.
        boolean last = expectedBodyBytes >= 0 && forwardedBodyBytes >= expectedBodyBytes;
        lastWritten = last;
        chunk.retain();
        exchange.clientResponse().write(last, content, new Callback() {
            @Override
            public void succeeded() {
                chunk.release();
                if (last) {
                    UpstreamAttempt.this.succeeded();
                }
                demander.run();
            }

            @Override
            public void failed(Throwable failure) {
                chunk.release();
                // The client is gone; stop reading from the upstream.
                exchange.failure(ProxyFailure.CLIENT_ABORTED);
                upstreamResponse.abort(failure);
                if (last) {
                    UpstreamAttempt.this.failed(failure);
                }
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        });
    }

    // NOTE: trailer fields of a chunked upstream response are not forwarded to the client.
    @Override
    public void onSuccess(org.eclipse.jetty.client.Response upstreamResponse) {
        if (lastWritten) {
            return;
        }
        if (headersForwarded) {
            exchange.clientResponse().write(true, BufferUtil.EMPTY_BUFFER, this);
            return;
        }
        // Jetty's continue handler buffers a final response that arrived instead of 100 Continue
        // and delivers it here without the head and content events.
        forwardHead(upstreamResponse);
        ByteBuffer content = upstreamResponse instanceof ContentResponse buffered
                ? ByteBuffer.wrap(buffered.getContent())
                : BufferUtil.EMPTY_BUFFER;
        exchange.addResponseBytes(content.remaining());
        exchange.clientResponse().write(true, content, this);
    }

    @Override
    public void onComplete(Result result) {
        boolean responseSucceeded = result.getResponseFailure() == null && (result.isSucceeded() || headersForwarded);
        if (responseSucceeded) {
            releaseTarget(result.getResponse().getStatus() >= 500 ? Outcome.SERVER_ERROR : Outcome.SUCCESS);
            // Complete the client's callback only here, after the last write to the client. Jetty
            // 12.1.14 returns the upstream connection to its pool before onComplete (unless strict
            // event ordering is on), so the client's next request on the same connection reuses it.
            whenComplete((ignored, writeFailure) -> handler.completeExchange(exchange, writeFailure));
            return;
        }

        Throwable failure = result.getFailure();
        if (discardedForRetry) {
            releaseTarget(Outcome.SERVER_ERROR);
            handler.retry(exchange);
            return;
        }

        if (exchange.isClientBodyFailed()) {
            releaseTarget(Outcome.CLIENT_ABORTED);
            handler.respondWithProblem(exchange, ProxyFailure.BAD_REQUEST_BODY, "the request body is malformed");
            return;
        }

        if (exchange.failure() == ProxyFailure.CLIENT_ABORTED) {
            releaseTarget(Outcome.CLIENT_ABORTED);
            handler.completeExchange(exchange, failure);
            return;
        }

        ProxyFailure kind = ProxyFailure.classifyUpstream(failure);
        releaseTarget(kind.outcome());
        exchange.failure(kind);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} gateway→upstream {} failed: {}", exchange.requestId(), target.url(), failure.toString());
        }
        if (!exchange.isResponseStarted() && handler.mayRetry(exchange)) {
            handler.retry(exchange);
            return;
        }
        handler.respondWithProblem(exchange, kind, describe(kind, failure));
    }

    private void releaseTarget(Outcome outcome) {
        if (targetReleased) {
            return;
        }
        targetReleased = true;
        target.onRequestEnd(outcome, System.nanoTime() - sendNanos);
    }

    private String describe(ProxyFailure kind, Throwable failure) {
        return switch (kind) {
            case UPSTREAM_TIMEOUT -> "upstream " + target.url() + " did not respond within "
                    + exchange.route().responseTimeoutMillis() + " ms";
            case CONNECT_FAILED -> "cannot connect to upstream " + target.url();
            default -> "upstream " + target.url() + " failed: " + failure.getClass().getSimpleName();
        };
    }

    /** Marks an upstream response dropped because its status is retried on another target. */
    private static final class RetryableStatusException extends Exception {
        RetryableStatusException(int status) {
            super("upstream answered " + status + "; retrying on another target", null, false, false);
        }
    }
}
