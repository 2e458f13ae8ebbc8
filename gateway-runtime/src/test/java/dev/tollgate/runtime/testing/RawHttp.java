package dev.tollgate.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP connection for sending hand-written HTTP bytes and reading what comes back. */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code request} as ISO-8859-1 bytes, exactly as written. */
    public RawHttp send(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the peer closes the connection or nothing arrives for {@code quietMillis}. */
    public String readAvailable(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            // Quiet for long enough: return what arrived.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Returns true when the peer closed the connection within {@code waitMillis}. */
    public boolean isClosedByPeer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            byte[] buffer = new byte[8192];
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset also means the peer closed the connection.
            return true;
        }
    }

    /** One request on a new connection; returns everything received until the peer goes quiet. */
    public static String exchange(int port, String request) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.readAvailable(1_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
