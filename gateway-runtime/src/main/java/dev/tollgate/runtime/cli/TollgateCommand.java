package dev.tollgate.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tollgate} command line: {@code run} starts a gateway, {@code validate} checks a document. */
@Command(
        name = "tollgate",
        mixinStandardHelpOptions = true,
        versionProvider = TollgateCommand.Version.class,
        description = "Tollgate API gateway.",
        subcommands = {RunCommand.class, ValidateCommand.class, AdminTokenCommand.class, CommandLine.HelpCommand.class})
public final class TollgateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Builds the command line with Tollgate's subcommands; tests run it without exiting the JVM. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new TollgateCommand());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: use run, validate or admin-token");
    }

    /** Reads the version from the jar manifest, which the build fills in. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TollgateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tollgate " + (version == null ? "(development build)" : version)};
        }
    }
}
