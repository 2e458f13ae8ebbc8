package dev.tollgate.runtime.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The keystore that turns on TLS for the data and admin ports.
 *
 * @param keystore a PKCS#12 or JKS keystore holding the server's key and certificate chain
 * @param password the keystore's password; {@link #toString()} never shows it
 */
public record TlsSettings(Path keystore, String password) {

    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=(hidden)]";
    }
}
