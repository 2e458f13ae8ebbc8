package dev.tollgate.console.app;

import java.util.Arrays;
import javafx.application.Application;

/**
 * Starts the console. A plain class (not the {@code Application} subclass) is the entry point, so
 * the JavaFX jars can sit on the class path.
 *
 * <pre>
 * ConsoleLauncher [--url URL] [--token TOKEN]
 * </pre>
 * With a URL and a token (from the options or from {@code TOLLGATE_URL} and {@code TOLLGATE_TOKEN})
 * the console opens already connected.
 */
public final class ConsoleLauncher {

    public static final String URL_ENV = "TOLLGATE_URL";
    public static final String TOKEN_ENV = "TOLLGATE_TOKEN";

    private ConsoleLauncher() {}

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(Arrays.asList(args), System.getenv(URL_ENV), System.getenv(TOKEN_ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("tollgate console: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        ConsoleApp.launchOptions(options);
        Application.launch(ConsoleApp.class);
    }
}
