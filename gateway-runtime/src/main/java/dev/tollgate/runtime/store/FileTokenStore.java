package dev.tollgate.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.Role;
import dev.tollgate.model.json.ConfigMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin tokens in {@code tokens.json}: id, role, description, times and the SHA-256 of the token.
 * The token itself is never stored; it appears only in the API response or command output that
 * created it.
 *
 * <p>A generated token reads {@code tg_<id>_<secret>}: the id is 12 hex digits that name the token
 * in logs, lists and the audit log, and the secret is 256 random bits in base64url. A bootstrap
 * token supplied by the operator may have any form (see {@link #importToken}). Authentication hashes
 * the presented token and compares it with every stored hash using {@link MessageDigest#isEqual},
 * which takes time independent of where the bytes differ.
 */
public final class FileTokenStore {

    static final String FILE_NAME = "tokens.json";
    /** Shortest bootstrap token accepted from the environment: 32 characters. */
    public static final int MIN_SUPPLIED_TOKEN_LENGTH = 32;

    private static final String PREFIX = "tg_";
    private static final Pattern TOKEN_FORMAT = Pattern.compile("tg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final int SECRET_BYTES = 32;
    private static final String SUPPLIED_TOKEN_ID = "bootstrap";

    private final Path file;
    private final Clock clock;
    private final SecureRandom random;
    private List<StoredToken> tokens;

    /** One token as stored. */
    record StoredToken(String id, Role role, String description, String sha256,
            Instant createdAt, Instant revokedAt) {

        AdminToken toApi() {
            return new AdminToken(id, role, description, createdAt, revokedAt);
        }
    }

    /** The file's top-level shape. */
    record TokenFile(List<StoredToken> tokens) {}

    private FileTokenStore(Path file, Clock clock, SecureRandom random, List<StoredToken> tokens) {
        this.file = file;
        this.clock = clock;
        this.random = random;
        this.tokens = tokens;
    }

    static FileTokenStore open(Path file, Clock clock, SecureRandom random) {
        return new FileTokenStore(file, clock, random, Files.exists(file) ? load(file) : new ArrayList<>());
    }

    private static List<StoredToken> load(Path file) {
        TokenFile content;
        try {
            content = ConfigMapper.json().readValue(Files.readString(file), TokenFile.class);
        } catch (JsonProcessingException e) {
            throw new CorruptStoreException(file, "not a token file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CorruptStoreException(file, "cannot read the file: " + e.getMessage(), e);
        }
        if (content == null || content.tokens() == null) {
            throw new CorruptStoreException(file, "missing the tokens list");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < content.tokens().size(); i++) {
            StoredToken token = content.tokens().get(i);
            String where = "tokens[" + i + "]";
            if (token == null || token.id() == null || token.role() == null || token.sha256() == null
                    || token.createdAt() == null) {
                throw new CorruptStoreException(file, where + " lacks id, role, sha256 or createdAt");
            }
            if (!token.sha256().matches("[0-9a-f]{64}")) {
                throw new CorruptStoreException(file, where + ".sha256 is not 64 lower-case hex digits");
            }
            if (!ids.add(token.id())) {
                throw new CorruptStoreException(file, where + " repeats the id " + token.id());
            }
        }
        return new ArrayList<>(content.tokens());
    }

    public synchronized boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Creates a token with a fresh id and secret and returns the token text, which is never stored. */
    public synchronized AdminToken.CreatedAdminToken create(Role role, String description) {
        Objects.requireNonNull(role, "role");
        String id;
        do {
            byte[] idBytes = new byte[6];
            random.nextBytes(idBytes);
            id = HexFormat.of().formatHex(idBytes);
        } while (find(id).isPresent());
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        StoredToken stored = add(id, role, description, secret);
        return new AdminToken.CreatedAdminToken(stored.toApi(), secret);
    }

    /**
     * Stores the hash of a token chosen by the operator (the bootstrap token from the environment).
     * A token in the {@code tg_<id>_<secret>} form keeps its id; any other gets the id {@code bootstrap}.
     *
     * @throws IllegalArgumentException when the token is shorter than {@link #MIN_SUPPLIED_TOKEN_LENGTH}
     */
    public synchronized AdminToken importToken(String secret, Role role, String description) {
        if (secret == null || secret.strip().length() < MIN_SUPPLIED_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the supplied admin token has " + (secret == null ? 0 : secret.strip().length())
                    + " characters; use at least " + MIN_SUPPLIED_TOKEN_LENGTH + " random characters");
        }
        String token = secret.strip();
        Matcher matcher = TOKEN_FORMAT.matcher(token);
        String id = matcher.matches() ? matcher.group(1) : SUPPLIED_TOKEN_ID;
        if (find(id).isPresent()) {
            throw new IllegalArgumentException("a token with id " + id + " already exists");
        }
        return add(id, role, description, token).toApi();
    }

    private StoredToken add(String id, Role role, String description, String secret) {
        StoredToken stored = new StoredToken(id, role, description, sha256Hex(secret), clock.instant(), null);
        List<StoredToken> updated = new ArrayList<>(tokens);
        updated.add(stored);
        write(updated);
        return stored;
    }

    /**
     * Returns the active token whose hash matches {@code presented}. It compares against every stored
     * token, revoked ones included, so the time taken does not depend on which token matched.
     */
    public Optional<AdminToken> authenticate(String presented) {
        byte[] presentedHash = CanonicalJson.sha256(presented.getBytes(StandardCharsets.UTF_8));
        List<StoredToken> snapshot;
        synchronized (this) {
            snapshot = tokens;
        }
        StoredToken match = null;
        for (StoredToken token : snapshot) {
            boolean equal = MessageDigest.isEqual(HexFormat.of().parseHex(token.sha256()), presentedHash);
            if (equal && token.revokedAt() == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match).map(StoredToken::toApi);
    }

    /** Returns true when {@code presented} matches a revoked token, so the 401 can give that reason. */
    public boolean isRevoked(String presented) {
        byte[] presentedHash = CanonicalJson.sha256(presented.getBytes(StandardCharsets.UTF_8));
        List<StoredToken> snapshot;
        synchronized (this) {
            snapshot = tokens;
        }
        boolean revoked = false;
        for (StoredToken token : snapshot) {
            revoked |= token.revokedAt() != null
                    && MessageDigest.isEqual(HexFormat.of().parseHex(token.sha256()), presentedHash);
        }
        return revoked;
    }

    public synchronized List<AdminToken> list() {
        return tokens.stream().map(StoredToken::toApi).toList();
    }

    public synchronized Optional<AdminToken> find(String id) {
        return tokens.stream().filter(token -> token.id().equals(id)).findFirst().map(StoredToken::toApi);
    }

    /** Revokes a token; revoking it again changes nothing. Returns the token, or empty when unknown. */
    public synchronized Optional<AdminToken> revoke(String id) {
        List<StoredToken> updated = new ArrayList<>(tokens.size());
        StoredToken revoked = null;
        for (StoredToken token : tokens) {
            if (token.id().equals(id) && token.revokedAt() == null) {
                revoked = new StoredToken(token.id(), token.role(), token.description(), token.sha256(),
                        token.createdAt(), clock.instant());
                updated.add(revoked);
            } else {
                updated.add(token);
            }
        }
        if (revoked == null) {
            return find(id);
        }
        write(updated);
        return Optional.of(revoked.toApi());
    }

    /** Number of tokens that are not revoked and have the admin role. */
    public synchronized long activeAdminCount() {
        return tokens.stream().filter(t -> t.revokedAt() == null && t.role() == Role.ADMIN).count();
    }

    private void write(List<StoredToken> updated) {
        try {
            AtomicFiles.write(file, ConfigMapper.json().writeValueAsBytes(new TokenFile(updated)));
        } catch (IOException e) {
            throw new StoreWriteException("cannot write " + file + ": " + e.getMessage(), e);
        }
        tokens = List.copyOf(updated);
    }

    static String sha256Hex(String token) {
        return CanonicalJson.sha256Hex(token);
    }
}
