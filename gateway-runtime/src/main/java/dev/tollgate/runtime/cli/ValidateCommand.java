package dev.tollgate.runtime.cli;

import dev.tollgate.model.config.GatewayConfig;
import dev.tollgate.model.validation.InvalidConfigException;
import dev.tollgate.model.validation.Violation;
import dev.tollgate.runtime.config.ConfigFiles;
import dev.tollgate.runtime.config.ConfigSummary;
import dev.tollgate.runtime.server.TollgateRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Checks a config document without starting anything. Exit code 0 and a summary on standard
 * output when it is valid; exit code 1 and every violation as {@code field: message} on standard
 * error when it is not; exit code 2 when the file does not exist.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config document (YAML, or JSON when the name ends in .json) and list every problem.")
final class ValidateCommand implements Callable<Integer> {

    static final int INVALID = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The config document to check.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(file)) {
            err.println("config file " + file + " not found");
            return RunCommand.USAGE_OR_ENVIRONMENT_ERROR;
        }
        String document;
        try {
            document = ConfigFiles.read(file);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return INVALID;
        }
        try {
            GatewayConfig config = TollgateRuntime.parse(file, document);
            out.println("valid: " + ConfigSummary.describe(config));
            return 0;
        } catch (InvalidConfigException e) {
            err.println(file + " is invalid (" + e.violations().size() + (e.violations().size() == 1 ? " problem):" : " problems):"));
            for (Violation violation : e.violations()) {
                err.println(violation);
            }
            return INVALID;
        }
    }
}
