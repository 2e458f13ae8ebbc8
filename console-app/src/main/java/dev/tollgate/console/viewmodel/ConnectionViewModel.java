package dev.tollgate.console.viewmodel;

import dev.tollgate.console.service.AdminApiException;
import dev.tollgate.console.service.AdminClient;
import dev.tollgate.console.service.ConnectionProfile;
import dev.tollgate.console.service.ConnectionState;
import dev.tollgate.console.service.ConsoleServices;
import dev.tollgate.console.service.NetworkFailures;
import dev.tollgate.console.service.ProfileStore;
import dev.tollgate.console.service.StreamClient;
import dev.tollgate.console.service.StreamListener;
import dev.tollgate.model.api.ConfigEvent;
import dev.tollgate.model.api.InfoResponse;
import dev.tollgate.model.api.MetricsEvent;
import dev.tollgate.model.api.StreamReset;
import java.io.IOException;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection profiles, the connect and disconnect commands, and what the status bar shows: state,
 * node id, version and serving config revision. While connected it follows the live stream and
 * passes metrics events to {@code metricsSink} on the stream's thread.
 */
public final class ConnectionViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionViewModel.class);

    private final ConsoleServices services;
    private final ProfileStore store;
    private final BackgroundTasks tasks;
    private final Consumer<MetricsEvent> metricsSink;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("local");
    private final StringProperty url = new SimpleStringProperty("http://127.0.0.1:9090");
    private final StringProperty token = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.DISCONNECTED);
    private final StringProperty nodeId = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("");
    private final LongProperty configRevision = new SimpleLongProperty(-1);
    private final StringProperty stateDetail = new SimpleStringProperty("Not connected");
    private final StringProperty statusText = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<AdminClient> client = new SimpleObjectProperty<>();
    private final LongProperty resyncCount = new SimpleLongProperty();

    private StreamClient stream;
    private long sessionNumber;

    public ConnectionViewModel(ConsoleServices services, ProfileStore store, BackgroundTasks tasks,
            Consumer<MetricsEvent> metricsSink) {
        this.services = services;
        this.store = store;
        this.tasks = tasks;
        this.metricsSink = metricsSink;
        state.addListener((observable, before, after) -> updateStatusText());
        nodeId.addListener((observable, before, after) -> updateStatusText());
        configRevision.addListener((observable, before, after) -> updateStatusText());
        stateDetail.addListener((observable, before, after) -> updateStatusText());
        updateStatusText();
    }

    public void loadProfiles() {
        tasks.run("load connection profiles", store::load, profiles::setAll,
                failure -> error.set(failure.getMessage()));
    }

    public void selectProfile(ConnectionProfile profile) {
        if (profile == null) {
            return;
        }
        name.set(profile.name());
        url.set(profile.url());
        token.set(profile.token());
    }

    public void saveProfile() {
        ConnectionProfile profile = profileFromFields();
        if (profile == null) {
            return;
        }
        tasks.run("save connection profile", () -> store.save(profile), saved -> {
            profiles.setAll(saved);
            error.set("");
        }, failure -> error.set("Saving the profile failed: " + failure.getMessage()));
    }

    public void deleteProfile(ConnectionProfile profile) {
        if (profile == null) {
            return;
        }
        tasks.run("delete connection profile", () -> store.delete(profile.name()), profiles::setAll,
                failure -> error.set("Deleting the profile failed: " + failure.getMessage()));
    }

    /** Connects with the URL and token in the fields. */
    public void connect() {
        ConnectionProfile profile = profileFromFields();
        if (profile == null) {
            return;
        }
        disconnect();
        long session = ++sessionNumber;
        error.set("");
        attemptConnect(profile, session, 1);
    }

    /**
     * Fetches {@code info} and, on success, opens the live stream. An unreachable runtime (an I/O
     * error) is retried with backoff, because it may still be starting or restarting. An error
     * status is final, because the same request would fail the same way.
     */
    private void attemptConnect(ConnectionProfile profile, long session, int attempt) {
        AdminClient admin = services.admin(profile);
        if (attempt == 1) {
            state.set(ConnectionState.CONNECTING);
            stateDetail.set("Connecting to " + profile.url());
        }
        tasks.run("connect to " + profile.url(), admin::info, info -> {
            if (session != sessionNumber) {
                return;
            }
            showInfo(info);
            client.set(admin);
            state.set(ConnectionState.CONNECTED);
            stateDetail.set("Connected to " + profile.url());
            LOG.info("Connected to {} (node {}, version {}, revision {})", profile.url(), info.nodeId(), info.version(),
                    info.configRevision());
            startStream(profile, session);
        }, failure -> {
            if (session != sessionNumber) {
                return;
            }
            if (failure instanceof IOException) {
                scheduleConnectRetry(profile, session, attempt, failure);
                return;
            }
            state.set(ConnectionState.FAILED);
            String reason = describe(failure, profile.url());
            stateDetail.set(reason);
            error.set(reason);
            LOG.warn("Connecting to {} failed: {}", profile.url(), failure.toString());
        });
    }

    private void scheduleConnectRetry(ConnectionProfile profile, long session, int attempt, Exception failure) {
        long delayMillis = services.backoff().delayMillis(attempt);
        state.set(ConnectionState.RECONNECTING);
        stateDetail.set(describe(failure, profile.url()) + ". Retrying in " + formatDelay(delayMillis) + ", attempt " + (attempt + 1));
        LOG.warn("Cannot reach {} ({}); retry {} in {} ms", profile.url(), failure.getMessage(), attempt + 1, delayMillis);
        services.schedule(() -> tasks.uiThread().execute(() -> {
            if (session == sessionNumber) {
                attemptConnect(profile, session, attempt + 1);
            }
        }), delayMillis);
    }

    public void disconnect() {
        sessionNumber++;
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (client.get() != null) {
            client.set(null);
        }
        state.set(ConnectionState.DISCONNECTED);
        stateDetail.set("Not connected");
        nodeId.set("");
        version.set("");
        configRevision.set(-1);
    }

    /** Fetches {@code info} again, for example after the stream came back. */
    public void refreshInfo() {
        AdminClient admin = client.get();
        if (admin == null) {
            return;
        }
        tasks.run("refresh runtime info", admin::info, this::showInfo,
                failure -> LOG.debug("Refreshing runtime info failed: {}", failure.toString()));
    }

    private void startStream(ConnectionProfile profile, long session) {
        stream = services.stream(profile, new StreamListener() {
            @Override
            public void onMetrics(MetricsEvent event) {
                metricsSink.accept(event);
            }

            @Override
            public void onConfig(ConfigEvent event) {
                tasks.uiThread().execute(() -> {
                    if (session == sessionNumber) {
                        configRevision.set(event.revision());
                    }
                });
            }

            @Override
            public void onReset(StreamReset reset) {
                tasks.uiThread().execute(() -> {
                    if (session == sessionNumber) {
                        resyncCount.set(resyncCount.get() + 1);
                        refreshInfo();
                    }
                });
            }

            @Override
            public void onStateChanged(StreamState streamState) {
                tasks.uiThread().execute(() -> {
                    if (session == sessionNumber) {
                        showStreamState(streamState);
                    }
                });
            }
        });
        stream.start();
    }

    private void showStreamState(StreamListener.StreamState streamState) {
        ConnectionState previous = state.get();
        state.set(streamState.state());
        switch (streamState.state()) {
            case RECONNECTING -> stateDetail.set("Connection lost. " + streamState.detail() + ". Reconnecting in "
                    + formatDelay(streamState.retryInMillis()) + ", attempt " + streamState.attempt());
            case FAILED -> {
                stateDetail.set(streamState.detail());
                error.set(streamState.detail());
            }
            case CONNECTED -> {
                stateDetail.set("Connected, live stream open");
                if (previous == ConnectionState.RECONNECTING) {
                    refreshInfo();
                }
            }
            default -> stateDetail.set(streamState.detail());
        }
    }

    private void showInfo(InfoResponse info) {
        nodeId.set(info.nodeId());
        version.set(info.version());
        configRevision.set(info.configRevision());
    }

    private ConnectionProfile profileFromFields() {
        String problem = ConnectionProfile.urlProblem(url.get());
        if (problem != null) {
            error.set(problem);
            return null;
        }
        if (token.get() == null || token.get().isBlank()) {
            error.set("The admin token is required; the runtime printed it when it first started");
            return null;
        }
        String profileName = name.get() == null || name.get().isBlank() ? url.get().trim() : name.get().trim();
        return new ConnectionProfile(profileName, url.get().trim(), token.get().trim());
    }

    private static String describe(Exception failure, String url) {
        if (failure instanceof AdminApiException api && (api.status() == 401 || api.status() == 403)) {
            return "The runtime at " + url + " rejected the admin token (status " + api.status() + ")";
        }
        if (failure instanceof AdminApiException api) {
            return "The runtime at " + url + " answered status " + api.status() + ": " + api.getMessage();
        }
        if (failure instanceof IOException) {
            return NetworkFailures.describe(failure, url);
        }
        return "Connecting to " + url + " failed: " + failure.getMessage();
    }

    private void updateStatusText() {
        StringBuilder text = new StringBuilder(stateDetail.get());
        if (!nodeId.get().isEmpty()) {
            text.append("  ·  node ").append(nodeId.get());
        }
        if (!version.get().isEmpty()) {
            text.append("  ·  version ").append(version.get());
        }
        if (configRevision.get() >= 0) {
            text.append("  ·  config revision ").append(configRevision.get());
        }
        statusText.set(text.toString());
    }

    static String formatDelay(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state;
    }

    public StringProperty nodeIdProperty() {
        return nodeId;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public LongProperty configRevisionProperty() {
        return configRevision;
    }

    public StringProperty statusTextProperty() {
        return statusText;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Counts stream resets: each one means events were missed and views should reload. */
    public LongProperty resyncCountProperty() {
        return resyncCount;
    }

    public ReadOnlyObjectProperty<AdminClient> clientProperty() {
        return client;
    }
}
