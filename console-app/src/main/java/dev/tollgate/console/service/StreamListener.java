package dev.tollgate.console.service;

import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.StreamReset;

/**
 * Receives the live stream. Called on the stream client's own threads, never on the FX thread:
 * implementations hand the values over to the FX thread themselves.
 */
public interface StreamListener {

    void onMetrics(MetricsEvent event);

    void onConfig(ConfigEvent event);

    void onStateChanged(StreamState state);

    /**
     * The runtime no longer had the events after the {@code Last-Event-ID} this client resumed with,
     * so some were missed: reload state that events would have updated.
     */
    void onReset(StreamReset reset);

    /**
     * One change of the stream's connection.
     *
     * @param attempt the reconnect attempt being waited for, counting from 1; 0 when not reconnecting
     * @param retryInMillis delay before that attempt; 0 when not reconnecting
     * @param detail why the state changed, for the status bar
     */
    record StreamState(ConnectionState state, int attempt, long retryInMillis, String detail) {}
}
