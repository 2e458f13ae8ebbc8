package dev.tollgate.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileTokenStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void createdTokenAuthenticatesAndOnlyHashIsStored() throws Exception {
        AdminToken.CreatedAdminToken created;
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            created = directory.tokenStore().create(Role.OPERATOR, "deploy bot");
        }
        assertThat(created.secret()).matches("tg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(created.secret()).startsWith("tg_" + created.token().id() + "_");
        String file = Files.readString(dataDir.resolve("tokens.json"));
        assertThat(file).doesNotContain(created.secret().substring(16));
        assertThat(file).contains(CanonicalJson.sha256Hex(created.secret()));

        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(reopened.tokenStore().authenticate(created.secret())).contains(created.token());
            assertThat(reopened.tokenStore().authenticate(created.secret() + "x")).isEmpty();
            assertThat(reopened.tokenStore().authenticate("")).isEmpty();
        }
    }

    @Test
    void revokedTokenNoLongerAuthenticates() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileTokenStore tokens = directory.tokenStore();
            AdminToken.CreatedAdminToken created = tokens.create(Role.VIEWER, null);

            AdminToken revoked = tokens.revoke(created.token().id()).orElseThrow();

            assertThat(revoked.revokedAt()).isEqualTo(CLOCK.instant());
            assertThat(tokens.authenticate(created.secret())).isEmpty();
            assertThat(tokens.isRevoked(created.secret())).isTrue();
            assertThat(tokens.revoke("000000000000")).isEmpty();
        }
    }

    @Test
    void firstStartGeneratesAdminTokenOnce() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            AdminToken.CreatedAdminToken created = directory.bootstrapAdminToken(null).orElseThrow();
            assertThat(created.token().role()).isEqualTo(Role.ADMIN);
            assertThat(directory.tokenStore().authenticate(created.secret())).isPresent();
        }
        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(reopened.bootstrapAdminToken(null)).isEmpty();
            assertThat(reopened.tokenStore().list()).hasSize(1);
        }
    }

    @Test
    void storedBootstrapTokenIsNotReportedIgnored() throws Exception {
        String supplied = "an-operator-chosen-secret-of-40-characters";
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.bootstrapAdminToken(supplied);
        }
        Logger logger = (Logger) LoggerFactory.getLogger(DataDirectory.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            reopened.bootstrapAdminToken(supplied);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("ignored"));

            reopened.bootstrapAdminToken("another-secret-that-is-not-stored-here-at-all");
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("ignored"));
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void suppliedBootstrapTokenIsStoredAsHash() throws Exception {
        String supplied = "an-operator-chosen-secret-of-40-characters";
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(directory.bootstrapAdminToken(supplied)).isEmpty();
            AdminToken token = directory.tokenStore().authenticate(supplied).orElseThrow();
            assertThat(token.id()).isEqualTo("bootstrap");
            assertThat(token.role()).isEqualTo(Role.ADMIN);
        }
        assertThat(Files.readString(dataDir.resolve("tokens.json"))).doesNotContain(supplied);
    }

    @Test
    void shortSuppliedBootstrapTokenIsRejected() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            assertThatThrownBy(() -> directory.bootstrapAdminToken("short"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 5 characters; use at least 32");
            assertThat(directory.tokenStore().isEmpty()).isTrue();
        }
    }
}
