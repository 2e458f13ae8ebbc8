package dev.tollgate.runtime.telemetry;

/**
 * Receives every client exchange the data plane handles. Implementations run on Jetty's threads in
 * the request path, so they must not block, lock or allocate much.
 */
public interface ExchangeObserver {

    ExchangeObserver NONE = new ExchangeObserver() {
        @Override
        public void onExchangeStarted(String routeId) {}

        @Override
        public void onExchangeCompleted(CompletedExchange exchange) {}
    };

    /** Called once routing has picked a route, before the upstream is contacted. */
    void onExchangeStarted(String routeId);

    /** Called once per exchange after the last response byte was written or the exchange failed. */
    void onExchangeCompleted(CompletedExchange exchange);
}
