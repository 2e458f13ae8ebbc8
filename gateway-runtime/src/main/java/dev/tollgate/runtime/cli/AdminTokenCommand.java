package dev.tollgate.runtime.cli;

import dev.tollgate.model.api.AdminToken;
import dev.tollgate.model.api.Role;
import dev.tollgate.runtime.store.CorruptStoreException;
import dev.tollgate.runtime.store.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate admin-token}: manages admin tokens directly in a data dir, for when no admin token
 * is at hand. The data dir must not be in use by a running gateway; use the admin API
 * ({@code /admin/v1/tokens}) then.
 */
@Command(name = "admin-token", mixinStandardHelpOptions = true,
        description = "Create, list or revoke admin tokens in a data dir while the gateway is stopped.",
        subcommands = {AdminTokenCommand.Create.class, AdminTokenCommand.ListTokens.class, AdminTokenCommand.Revoke.class})
final class AdminTokenCommand implements Runnable {

    /** Exit code when the data dir cannot be used. */
    static final int DATA_DIR_UNUSABLE = 2;
    static final String CLI_ACTOR = "cli";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: use create, list or revoke");
    }

    /** Options every subcommand shares. */
    static final class DataDirOption {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The gateway's data dir.")
        Path dataDirectory;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it on standard output; it is shown only this once.")
    static final class Create implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataDirOption dataDir = new DataDirOption();

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (read), operator (change routes and upstreams) or admin (everything).",
                converter = RoleConverter.class)
        Role role;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the token is for.")
        String description;

        @Override
        public Integer call() throws Exception {
            try (DataDirectory directory = DataDirectory.open(dataDir.dataDirectory, Clock.systemUTC())) {
                AdminToken.CreatedAdminToken created = directory.tokenStore().create(role, description);
                directory.auditLog().append(DataDirectory.tokenAudit(CLI_ACTOR, "token.create", created.token().id()));
                spec.commandLine().getErr().println("Created admin token " + created.token().id() + " with role "
                        + role.wireName() + ". It is shown only this once:");
                spec.commandLine().getOut().println(created.secret());
                return 0;
            } catch (IllegalStateException | CorruptStoreException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return DATA_DIR_UNUSABLE;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens: id, role, created, revoked.")
    static final class ListTokens implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataDirOption dataDir = new DataDirOption();

        @Override
        public Integer call() throws Exception {
            try (DataDirectory directory = DataDirectory.open(dataDir.dataDirectory, Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                for (AdminToken token : directory.tokenStore().list()) {
                    out.println(token.id() + "\t" + token.role().wireName() + "\t" + token.createdAt() + "\t"
                            + (token.revokedAt() == null ? "active" : "revoked " + token.revokedAt()) + "\t"
                            + (token.description() == null ? "" : token.description()));
                }
                return 0;
            } catch (IllegalStateException | CorruptStoreException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return DATA_DIR_UNUSABLE;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
    static final class Revoke implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataDirOption dataDir = new DataDirOption();

        @Parameters(paramLabel = "ID", description = "The token id, the 12 hex digits after tg_.")
        String id;

        @Override
        public Integer call() throws Exception {
            try (DataDirectory directory = DataDirectory.open(dataDir.dataDirectory, Clock.systemUTC())) {
                if (directory.tokenStore().find(id).isEmpty()) {
                    spec.commandLine().getErr().println("No admin token has the id " + id
                            + "; list them with tollgate admin-token list --data-dir " + dataDir.dataDirectory);
                    return 1;
                }
                directory.tokenStore().revoke(id);
                directory.auditLog().append(DataDirectory.tokenAudit(CLI_ACTOR, "token.revoke", id));
                spec.commandLine().getErr().println("Revoked admin token " + id);
                return 0;
            } catch (IllegalStateException | CorruptStoreException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return DATA_DIR_UNUSABLE;
            }
        }
    }

    /** Reads viewer, operator or admin in any case. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.fromWireName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
