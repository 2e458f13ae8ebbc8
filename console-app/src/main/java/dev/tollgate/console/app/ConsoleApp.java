package dev.tollgate.console.app;

import dev.tollgate.console.service.Backoff;
import dev.tollgate.console.service.ConsoleServices;
import dev.tollgate.console.service.ProfileStore;
import dev.tollgate.console.view.MainView;
import dev.tollgate.console.viewmodel.ConsoleViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. It owns the network resources and the background pool, and releases
 * both in {@link #stop()}, so closing the window ends the JVM.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    private static volatile LaunchOptions pendingOptions = LaunchOptions.NONE;

    private ConsoleServices services;
    private FxBackgroundTasks tasks;
    private ConsoleViewModel model;
    private MainView view;

    /** Sets what the next {@link #start} connects to; {@code Application.launch} takes no objects. */
    static void launchOptions(LaunchOptions options) {
        pendingOptions = options;
    }

    @Override
    public void start(Stage stage) {
        Console console = Console.open(pendingOptions);
        services = console.services();
        tasks = console.tasks();
        model = console.model();
        view = console.view();

        Scene scene = new Scene(view, 1360, 860);
        view.install(scene);
        stage.setTitle("Tollgate console");
        stage.setScene(scene);
        stage.show();
        LOG.info("Console started");
    }

    @Override
    public void stop() {
        Console.close(model, tasks, services);
        LOG.info("Console stopped");
    }

    /** Everything one console window needs; tests build it without {@code Application.launch}. */
    public record Console(ConsoleServices services, FxBackgroundTasks tasks, ConsoleViewModel model, MainView view) {

        /** Builds the view models and the view on the FX thread, and connects when the options carry a URL and a token. */
        public static Console open(LaunchOptions options) {
            ConsoleServices services = new ConsoleServices(Backoff.DEFAULT);
            FxBackgroundTasks tasks = new FxBackgroundTasks(2);
            ConsoleViewModel model = new ConsoleViewModel(services, ProfileStore.forCurrentUser(), tasks);
            MainView view = new MainView(model);
            model.connection().loadProfiles();
            if (options.connectsAtStart()) {
                model.connection().nameProperty().set(options.url());
                model.connection().urlProperty().set(options.url());
                model.connection().tokenProperty().set(options.token());
                model.connection().connect();
            }
            return new Console(services, tasks, model, view);
        }

        public void close() {
            Console.close(model, tasks, services);
        }

        static void close(ConsoleViewModel model, FxBackgroundTasks tasks, ConsoleServices services) {
            if (model != null) {
                model.connection().disconnect();
            }
            if (tasks != null) {
                tasks.close();
            }
            if (services != null) {
                services.close();
            }
        }
    }
}
