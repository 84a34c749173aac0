package dev.irm.cli;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Secrets;
import dev.irm.support.ExitCode;
import dev.irm.support.Failures;
import dev.irm.support.IrmException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place the {@code CommandLine} is built: writers, handlers and the exit-code mapping. */
public final class CommandLineFactory {
    static final String REPORT_TO = "please report it with the output of -v";

    private CommandLineFactory() {
    }

    /** Every subcommand's full model (docs, tests, the home screen). */
    public static CommandLine create(PrintWriter out, PrintWriter err, CliEnvironment environment) {
        return build(Subcommands::attachAll, out, err, environment);
    }

    /** The command line for one invocation: only the model of the subcommand {@code args} names is built. */
    static CommandLine createFor(String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment) {
        return build(root -> Subcommands.attachFor(root, args), out, err, environment);
    }

    private static CommandLine build(java.util.function.UnaryOperator<CommandLine> attach, PrintWriter out, PrintWriter err,
            CliEnvironment environment) {
        ConnectorRegistry registry = ConnectorRegistry.discover();
        CommandLine cl = attach.apply(new CommandLine(new IrmCommand(environment, registry)));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAllowSubcommandsAsOptionParameters(true); // --context lab: the lab's context is named like the command
        cl.setExecutionExceptionHandler(executionHandler());
        cl.setParameterExceptionHandler(parameterHandler());
        ConnectionOptions.declare(cl, registry);
        OutputOption.describe(cl);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(environment.terminal() && environment.get("NO_COLOR") == null
                ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CliEnvironment environment = new CliEnvironment(env, System.console() != null);
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        if (args.length >= 1 && args.length <= 2 && isVersion(args[0]) && (args.length == 1 || isVerbose(args[1]))) {
            return printVersion(o, args.length == 2);
        }
        int code;
        try {
            code = createFor(args, o, e, environment).execute(args);
        } catch (StackOverflowError | OutOfMemoryError last) {
            // the input limits (docs/SECURITY.md) should make this unreachable: one line, not a JVM trace
            e.println("irm: internal error: " + (last instanceof StackOverflowError ? "input nested too deeply" : "out of memory")
                    + " (" + REPORT_TO + ")");
            code = ExitCode.INTERNAL;
        }
        o.flush();
        e.flush();
        return code;
    }

    /** {@code irm --version} alone skips building the command model: it is the start-up people time. */
    private static int printVersion(PrintWriter out, boolean verbose) {
        try {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            if (verbose) {
                LaunchInfo.lines().forEach(out::println);
            }
            out.flush();
            return ExitCode.OK;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static boolean isVersion(String arg) {
        return arg.equals("--version") || arg.equals("-V");
    }

    private static boolean isVerbose(String arg) {
        return arg.equals("-v") || arg.equals("--verbose");
    }

    private static IParameterExceptionHandler parameterHandler() {
        return (ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("irm: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return ExitCode.USAGE;
        };
    }

    private static IExecutionExceptionHandler executionHandler() {
        return (ex, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            boolean verbose = verbose(parseResult);
            if (ex instanceof IrmException irm) {
                err.println(prefixed(irm.getMessage()));
                if (verbose && irm.getCause() != null) {
                    irm.getCause().printStackTrace(err);
                }
                err.flush();
                return irm.exitCode();
            }
            err.println("irm: internal error: " + Secrets.redactUrl(Failures.describe(ex)) + " (" + REPORT_TO + ")");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.INTERNAL;
        };
    }

    /** Problem lines already name a file; other messages get the program name. */
    private static String prefixed(String message) {
        if (message.matches("(?s)^[^\\s:]+:\\d+:\\d+: .*")) {
            return message;
        }
        return "irm: " + message;
    }

    private static boolean verbose(ParseResult parseResult) {
        List<CommandLine> chain = parseResult.asCommandLineList();
        for (CommandLine c : chain) {
            if (c.getParseResult() != null && c.getParseResult().hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
