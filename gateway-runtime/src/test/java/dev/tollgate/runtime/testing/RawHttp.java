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

    /**
     * Reads exactly one response framed by Content-Length or chunked transfer coding, so the next
     * request can follow on the same connection. Returns the head and the raw body bytes.
     */
    public String readResponse() throws IOException {
        socket.setSoTimeout(5_000);
        String head = readUntil("\r\n\r\n");
        String lowerHead = head.toLowerCase(java.util.Locale.ROOT);
        int lengthAt = lowerHead.indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int valueEnd = lowerHead.indexOf("\r\n", lengthAt + 2);
            int length = Integer.parseInt(head.substring(lengthAt + "\r\ncontent-length:".length(), valueEnd).trim());
            return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }
        if (lowerHead.contains("\r\ntransfer-encoding: chunked")) {
            return head + readUntil("\r\n0\r\n\r\n");
        }
        throw new IOException("response has neither Content-Length nor chunked framing: " + head);
    }

    private String readUntil(String terminator) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (!received.toString(StandardCharsets.ISO_8859_1).endsWith(terminator)) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before " + terminator.strip() + "; received: " + received);
            }
            received.write(next);
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
