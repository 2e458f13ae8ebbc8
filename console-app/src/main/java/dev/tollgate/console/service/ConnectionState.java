package dev.tollgate.console.service;

/** Where the console stands with one runtime. */
public enum ConnectionState {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /** The stream dropped and a reconnect is scheduled with backoff. */
    RECONNECTING,
    /** The runtime rejected the connection (bad URL or token); no reconnect is attempted. */
    FAILED
}
