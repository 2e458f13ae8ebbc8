package dev.tollgate.console.ui;

import dev.tollgate.console.app.ConsoleLauncher;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Runs the console through {@link ConsoleLauncher#main} in its own JVM and closes its window the
 * way a window manager's close button does (hiding the stage), once the window has been shown for
 * {@code closeAfterMillis}. The JVM must then end by itself.
 */
public final class WindowCloseProbe {

    private WindowCloseProbe() {}

    public static void main(String[] args) throws Exception {
        long closeAfterMillis = Long.parseLong(System.getProperty("probe.closeAfterMillis", "3000"));
        Thread closer = new Thread(() -> closeWhenShown(closeAfterMillis), "probe-closer");
        closer.setDaemon(true);
        closer.start();
        ConsoleLauncher.main(args);
    }

    private static void closeWhenShown(long closeAfterMillis) {
        try {
            for (int attempt = 0; attempt < 200; attempt++) {
                CountDownLatch checked = new CountDownLatch(1);
                boolean[] shown = new boolean[1];
                try {
                    Platform.runLater(() -> {
                        shown[0] = Window.getWindows().stream().anyMatch(Window::isShowing);
                        checked.countDown();
                    });
                } catch (IllegalStateException toolkitNotStarted) {
                    checked.countDown();
                }
                checked.await(1, TimeUnit.SECONDS);
                if (shown[0]) {
                    Thread.sleep(closeAfterMillis);
                    Platform.runLater(() -> new ArrayList<>(Window.getWindows()).forEach(Window::hide));
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
