package dev.tollgate.runtime.upstream;

/**
 * The parts of a client→gateway request that the consistent-hash balancer hashes on. Other
 * balancers ignore it, so callers may pass {@link #NONE} for them.
 */
public interface PickContext {

    /** A context with no headers and no client address. */
    PickContext NONE = new PickContext() {
        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String clientAddress() {
            return null;
        }
    };

    /** Returns the first value of the request header {@code name}, or null when it is absent. */
    String header(String name);

    /** Returns the client's IP address as text, or null when it is unknown. */
    String clientAddress();
}
