package dev.tollgate.runtime.routing;

/**
 * The parts of a client-to-gateway request that the {@link Router} reads. The proxy implements it
 * over its own request type, so the router depends on no servlet or Jetty class.
 */
public interface RequestAttributes {

    /** Host name in lower case without the port, or null when the request carried none. */
    String host();

    /** Request method in upper case. */
    String method();

    /** Path already normalised by {@link PathNormalizer#normalize}, without the query. */
    String path();

    /** First value of the header, looked up case-insensitively, or null when it is absent. */
    String header(String name);

    /** First value of the query parameter, percent-decoded, or null when it is absent. */
    String queryParameter(String name);
}
