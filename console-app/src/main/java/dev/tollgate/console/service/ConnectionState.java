package dev.tollgate.console.service;

/** State of the console's connection to one runtime. */
public enum ConnectionState {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /** The stream dropped and a reconnect is scheduled with backoff. */
    RECONNECTING,
    /** The runtime rejected the connection (bad URL or token); no reconnect is attempted. */
    FAILED
}
