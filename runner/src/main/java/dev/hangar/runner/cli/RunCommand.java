package dev.hangar.runner.cli;

import dev.hangar.runner.ExitCodes;
import dev.hangar.runner.agent.Agent;
import dev.hangar.runner.agent.AgentSettings;
import dev.hangar.runner.api.RunnerApi;
import dev.hangar.runner.config.ConfigException;
import dev.hangar.runner.config.ConfigFile;
import dev.hangar.runner.config.Directories;
import dev.hangar.runner.config.RunnerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hangar-runner run}: the runner at work until it is stopped. */
@Command(
    name = "run",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs builds: heartbeats, waits for jobs this runner may take (up to its capacity at once), runs each job's steps in a fresh workspace and reports every result.",
      "",
      "SIGTERM (or Ctrl-C) drains: no more claims, running jobs finish, then it exits 0. A second SIGTERM cancels the running jobs (they report cancelled), then it exits 0. It exits 3 when the server no longer accepts the runner (it was deleted).",
      ""
    })
public final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where job workspaces are made; what jobs of an earlier run left there is removed at start. Default: $XDG_DATA_HOME/hangar/work/<runner id>,"
              + " else ~/.local/share/hangar/work/<runner id> (on macOS ~/Library/Application Support/hangar/work/<runner id>).")
  Path workDir;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Caches shared by all jobs (PUB_CACHE and GRADLE_USER_HOME live under it). Default: $XDG_CACHE_HOME/hangar, else ~/.cache/hangar"
              + " (on macOS ~/Library/Caches/hangar).")
  Path cacheDir;

  @Option(
      names = "--cancel-grace",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "How long a cancelled step has between SIGTERM and SIGKILL (e.g. 10s, 500ms). Default: ${DEFAULT-VALUE}.")
  Duration cancelGrace;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException, IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux") && !os.startsWith("mac")) {
      return fail("runs builds on Linux and macOS only");
    }
    Directories directories = Directories.forThisUser();
    RunnerConfig runner;
    try {
      runner = ConfigFile.read(config.resolve(directories));
    } catch (ConfigException e) {
      return fail(e.getMessage());
    }
    AgentSettings settings =
        new AgentSettings(
            workDir != null ? workDir : directories.workFor(runner.runnerId()),
            cacheDir != null ? cacheDir : directories.cache(),
            cancelGrace);
    return new Agent(new RunnerApi(runner), settings).run();
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("hangar-runner: " + message);
    return ExitCodes.USAGE;
  }
}
