package dev.tollgate.runtime.admin;

import dev.tollgate.runtime.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The store and the admin API on 127.0.0.1 in a process of its own, for tests that kill it.
 * Arguments: the data dir and a file to write the chosen port to. The admin token comes from
 * {@code TOLLGATE_ADMIN_TOKEN}.
 */
public final class AdminServerMain {

    private AdminServerMain() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        Clock clock = Clock.systemUTC();
        DataDirectory directory = DataDirectory.open(dataDir, clock);
        directory.bootstrapAdminToken(System.getenv(DataDirectory.ADMIN_TOKEN_VARIABLE));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new AdminApiHandler(directory.configStore(), directory.tokenStore(),
                new AuthFailureMonitor(clock), AdminApiSettings.defaults("crash-test", clock), List.of()));
        server.start();

        Path temp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(temp, Integer.toString(connector.getLocalPort()), StandardCharsets.UTF_8);
        Files.move(temp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        server.join();
    }
}
