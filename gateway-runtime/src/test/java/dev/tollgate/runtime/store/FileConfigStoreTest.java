package dev.tollgate.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.model.api.AuditEntry;
import dev.tollgate.model.api.RevisionSummary;
import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.config.Route;
import dev.tollgate.model.config.RouteMatch;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void newDataDirServesEmptyRevisionZero() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            StoredConfig current = directory.configStore().current();
            assertThat(current.revision()).isZero();
            assertThat(current.config()).isEqualTo(GatewayConfig.empty());
            assertThat(directory.configStore().isEmpty()).isTrue();
            assertThat(directory.configStore().revisions()).isEmpty();
        }
    }

    @Test
    void newDataDirIsOwnerOnly() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        try (DataDirectory ignored = DataDirectory.open(fresh, CLOCK)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        }
    }

    @Test
    void commitPersistsRevisionAcrossReopen() throws Exception {
        RevisionSummary first;
        RevisionSummary second;
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            first = directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
            second = directory.configStore().commit(TestConfigs.withRoutes(2), 1, "t1", "route.create");
        }
        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(Files.exists(dataDir.resolve("revisions/000000000001.json"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("revisions/000000000002.json"))).isTrue();

        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = reopened.configStore();
            assertThat(store.current().revision()).isEqualTo(2);
            assertThat(store.current().config()).isEqualTo(TestConfigs.withRoutes(2));
            assertThat(store.current().hash()).isEqualTo(second.hash());
            assertThat(store.revisions()).containsExactly(first, second);
            assertThat(store.revision(1).orElseThrow().config()).isEqualTo(TestConfigs.users());
            assertThat(store.revision(3)).isEmpty();
        }
    }

    @Test
    void hashIsSha256OfCanonicalJson() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            RevisionSummary summary = directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
            assertThat(summary.hash()).isEqualTo(CanonicalJson.sha256Hex(CanonicalJson.bytes(TestConfigs.users())));
            assertThat(summary.hash()).hasSize(64);
        }
    }

    @Test
    void staleExpectedRevisionIsRejected() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = directory.configStore();
            store.commit(TestConfigs.users(), 0, "t1", "config.replace");

            assertThatThrownBy(() -> store.commit(TestConfigs.withRoutes(1), 0, "t2", "config.replace"))
                    .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                        assertThat(e.currentRevision()).isEqualTo(1);
                        assertThat(e.expectedRevision()).isZero();
                    });
            assertThat(store.current().revision()).isEqualTo(1);
        }
    }

    @Test
    void concurrentWritersOnSameRevisionExactlyOneWins() throws Exception {
        int writers = 16;
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = directory.configStore();
            store.commit(TestConfigs.users(), 0, "seed", "config.replace");
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger stale = new AtomicInteger();
            List<Long> winners = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    int routes = i + 1;
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            winners.add(store.commit(TestConfigs.withRoutes(routes), 1, "w" + routes, "config.replace")
                                    .revision());
                        } catch (StaleRevisionException e) {
                            stale.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(winners).containsExactly(2L);
            assertThat(stale.get()).isEqualTo(writers - 1);
            assertThat(store.revisions()).hasSize(2);
        }
    }

    @Test
    void invalidDocumentIsRejectedAndNothingChanges() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = directory.configStore();
            store.commit(TestConfigs.users(), 0, "t1", "config.replace");
            GatewayConfig dangling = TestConfigs.users().withRoutes(
                    List.of(Route.of("orders", RouteMatch.paths("/orders"), "missing")));

            assertThatThrownBy(() -> store.commit(dangling, 1, "t1", "config.replace"))
                    .isInstanceOf(InvalidConfigException.class);
            assertThat(store.current().revision()).isEqualTo(1);
            assertThat(Files.exists(dataDir.resolve("revisions/000000000002.json"))).isFalse();
        }
    }

    @Test
    void applierFailureLeavesRevisionUnpersisted() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = directory.configStore();
            store.commit(TestConfigs.users(), 0, "t1", "config.replace");
            List<Long> applied = new ArrayList<>();
            store.bindApplier((config, revision) -> {
                if (config.routes().size() > 1) {
                    throw new InvalidConfigException(new Violation("routes[1]", "cannot compile"));
                }
                applied.add(revision);
            });

            assertThatThrownBy(() -> store.commit(TestConfigs.withRoutes(1), 1, "t1", "route.create"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("cannot compile");
            assertThat(applied).containsExactly(1L);
            assertThat(store.current().revision()).isEqualTo(1);
            assertThat(Files.exists(dataDir.resolve("revisions/000000000002.json"))).isFalse();
            assertThat(store.auditLog().page(Long.MAX_VALUE, 10)).hasSize(1);
        }
    }

    @Test
    void applierRunsBeforePersisting() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            FileConfigStore store = directory.configStore();
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            store.bindApplier((config, revision) -> events.add("apply " + revision + " persisted="
                    + Files.exists(dataDir.resolve(String.format("revisions/%012d.json", revision)))));
            store.addListener((committed, change) -> events.add("committed " + committed.revision() + " by "
                    + change.author()));

            store.commit(TestConfigs.users(), 0, "t1", "config.replace");

            assertThat(events).containsExactly("apply 0 persisted=false", "apply 1 persisted=false", "committed 1 by t1");
        }
    }

    @Test
    void commitAppendsAuditEntry() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.users(), 0,
                    new ConfigStore.Change("abc123", "route.create", "users", "127.0.0.1"));
        }
        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            List<AuditEntry> entries = reopened.auditLog().page(Long.MAX_VALUE, 10);
            assertThat(entries).containsExactly(new AuditEntry(1, CLOCK.instant(), "abc123", "route.create", "users",
                    0L, 1L, "127.0.0.1"));
        }
    }

    @Test
    void secondProcessCannotOpenLockedDataDir() throws Exception {
        try (DataDirectory ignored = DataDirectory.open(dataDir, CLOCK)) {
            assertThatThrownBy(() -> DataDirectory.open(dataDir, CLOCK))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Tollgate process");
        }
    }

    @Test
    void leftoverRevisionNewerThanCurrentIsDropped() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
            directory.configStore().commit(TestConfigs.withRoutes(1), 1, "t1", "config.replace");
        }
        // A commit that died after writing revisions/2 but before current.json leaves current.json at revision 1.
        Files.copy(dataDir.resolve("revisions/000000000001.json"), dataDir.resolve("current.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(reopened.configStore().current().revision()).isEqualTo(1);
            assertThat(reopened.configStore().revisions()).hasSize(1);
            assertThat(Files.exists(dataDir.resolve("revisions/000000000002.json"))).isFalse();
            assertThat(reopened.configStore().commit(TestConfigs.withRoutes(3), 1, "t1", "config.replace").revision())
                    .isEqualTo(2);
        }
    }

    @Test
    void temporaryFilesLeftByCrashAreDeleted() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
        }
        Files.writeString(dataDir.resolve(".current.json.1234.tmp"), "{\"half");
        Files.writeString(dataDir.resolve("revisions/.000000000002.json.99.tmp"), "{");

        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(reopened.configStore().current().revision()).isEqualTo(1);
        }
        assertThat(Files.exists(dataDir.resolve(".current.json.1234.tmp"))).isFalse();
        assertThat(Files.exists(dataDir.resolve("revisions/.000000000002.json.99.tmp"))).isFalse();
    }

    @Test
    void tornLastAuditLineIsDropped() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            directory.configStore().commit(TestConfigs.users(), 0, "t1", "config.replace");
        }
        Files.writeString(dataDir.resolve("audit.log"), "{\"sequence\":2,\"at\":\"2026-", java.nio.file.StandardOpenOption.APPEND);

        try (DataDirectory reopened = DataDirectory.open(dataDir, CLOCK)) {
            assertThat(reopened.auditLog().page(Long.MAX_VALUE, 10)).hasSize(1);
            reopened.configStore().commit(TestConfigs.withRoutes(1), 1, "t1", "config.replace");
            assertThat(reopened.auditLog().page(Long.MAX_VALUE, 10)).extracting(AuditEntry::sequence)
                    .containsExactly(2L, 1L);
        }
    }

    @Test
    void auditPagesNewestFirst() throws Exception {
        try (DataDirectory directory = DataDirectory.open(dataDir, CLOCK)) {
            for (int i = 0; i < 5; i++) {
                directory.configStore().commit(TestConfigs.withRoutes(i), i, "t1", "config.replace");
            }
            AuditLog log = directory.auditLog();
            assertThat(log.page(Long.MAX_VALUE, 2)).extracting(AuditEntry::sequence).containsExactly(5L, 4L);
            assertThat(log.page(4, 2)).extracting(AuditEntry::sequence).containsExactly(3L, 2L);
            assertThat(log.page(2, 10)).extracting(AuditEntry::sequence).containsExactly(1L);
            assertThat(log.page(1, 10)).isEmpty();
        }
    }
}
