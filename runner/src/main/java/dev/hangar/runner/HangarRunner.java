package dev.hangar.runner;

import dev.hangar.runner.cli.RegisterCommand;
import dev.hangar.runner.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hangar-runner}: the build agent that runs Hangar's builds on this machine. */
@Command(
    name = "hangar-runner",
    description = {
      "Runs Hangar builds on this machine: register it once, then run it (e.g. as a service)."
    },
    subcommands = {RegisterCommand.class, RunCommand.class, CommandLine.HelpCommand.class},
    usageHelpAutoWidth = true)
public final class HangarRunner implements Runnable {

  @CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: register or run");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: exit codes and one-line messages on its stderr. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new HangarRunner());
    cli.setParameterExceptionHandler(HangarRunner::usageError);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine
              .getErr()
              .println(
                  "hangar-runner: "
                      + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
          return ExitCodes.FAILURE;
        });
    return cli;
  }

  /** Bad flags: one line saying what is wrong and where to look, not the whole usage text. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command
        .getErr()
        .println(
            "hangar-runner: "
                + e.getMessage()
                + " (see "
                + command.getCommandSpec().qualifiedName()
                + " --help)");
    return ExitCodes.USAGE;
  }
}
