package dev.tollgate.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.json.ConfigMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical JSON form of a document and its SHA-256. Canonical means compact, record fields in
 * declaration order, map entries sorted by key, and defaults filled in by the records, so two
 * documents that configure the same gateway have the same hash however they were written.
 */
public final class CanonicalJson {

    private static final ObjectWriter WRITER = ConfigMapper.json().writer()
            .without(SerializationFeature.INDENT_OUTPUT)
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {}

    public static byte[] bytes(GatewayConfig config) {
        try {
            return WRITER.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config as canonical JSON", e);
        }
    }

    /** SHA-256 of the canonical JSON, as 64 lower-case hex digits. */
    public static String hash(GatewayConfig config) {
        return sha256Hex(bytes(config));
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256(content));
    }

    public static String sha256Hex(String content) {
        return sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
