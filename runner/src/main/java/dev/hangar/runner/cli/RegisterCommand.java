package dev.hangar.runner.cli;

import dev.hangar.model.Capabilities;
import dev.hangar.model.Platform;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.RegisteredRunner;
import dev.hangar.model.validation.Violation;
import dev.hangar.model.validation.Violations;
import dev.hangar.runner.ExitCodes;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.ServerUnreachable;
import dev.hangar.runner.api.UserApi;
import dev.hangar.runner.config.ConfigException;
import dev.hangar.runner.config.ConfigFile;
import dev.hangar.runner.config.Directories;
import dev.hangar.runner.config.RunnerConfig;
import dev.hangar.runner.detect.HostDetection;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hangar-runner register}: makes this machine a runner of a Hangar server and writes its
 * config file.
 */
@Command(
    name = "register",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Registers this machine as a runner of a Hangar server and writes the runner's config file (mode 0600).",
      "",
      "It acts for a person: with the session token in HANGAR_TOKEN, or else it asks for a username and password on the console, logs in, and logs that session out when done.",
      "",
      "Platforms and tools that are not given are detected: the host's own platform (linux or macos), ios when Xcode is installed, android when an Android SDK is (ANDROID_HOME, ANDROID_SDK_ROOT or sdkmanager on the PATH), and the versions of flutter and xcode.",
      ""
    })
public final class RegisterCommand implements Callable<Integer> {

  private static final int MAX_NAME = RegisterRunnerRequest.MAX_NAME;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "Where the api-service listens, e.g. https://hangar.example.com.")
  String url;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The runner's name as people see it, e.g. mini-1.")
  String name;

  @Option(
      names = "--platform",
      paramLabel = "P",
      converter = PlatformConverter.class,
      description =
          "A platform it builds for, repeatable: android, ios, macos, linux, windows, web. Default: detected.")
  List<Platform> platforms = new ArrayList<>();

  @Option(
      names = "--label",
      paramLabel = "L",
      description = "A label pipelines can ask for, repeatable (e.g. m2).")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--tool",
      paramLabel = "NAME=VERSION",
      description = "A tool and its version, repeatable (e.g. flutter=3.27.1). Default: detected.")
  Map<String, String> tools = new LinkedHashMap<>();

  @Option(
      names = "--capacity",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many builds it runs at once, 1 to 64. Default: ${DEFAULT-VALUE}.")
  int capacity;

  @Mixin ConfigOption config;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    String server = checkedUrl();
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw usage("--name must be 1 to " + MAX_NAME + " characters");
    }
    Path file = config.resolve(Directories.forThisUser());
    try {
      ConfigFile.requireAbsent(file);
    } catch (ConfigException e) {
      throw usage(e.getMessage());
    }
    Capabilities capabilities = capabilities();
    UserApi users = new UserApi(server);
    String token = System.getenv("HANGAR_TOKEN");
    boolean ownSession = token == null || token.isBlank();
    if (ownSession) {
      token = login(users);
    }
    try {
      RegisteredRunner runner = register(users, token, capabilities, ownSession);
      try {
        ConfigFile.create(
            file, new RunnerConfig(server, runner.id(), runner.token(), runner.name()));
      } catch (ConfigException e) {
        throw new CommandFailure(
            "registered "
                + runner.id()
                + " but "
                + e.getMessage()
                + "; delete that runner in Hangar and register again");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Registered "
              + runner.id()
              + " ("
              + runner.name()
              + ") with "
              + server
              + ": "
              + describe(capabilities)
              + ".");
      out.println(
          "Config written to "
              + file
              + " (mode 0600). Start it with: hangar-runner run"
              + (config.path == null ? "" : " --config " + file));
      out.flush();
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        logout(users, token);
      }
    }
  }

  private String checkedUrl() {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw usage("--url '" + url + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw usage(
          "--url must be an http or https URL such as https://hangar.example.com, was '"
              + url
              + "'");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * The flags' capabilities, with what is missing detected on this machine, checked as the server
   * checks them.
   */
  private Capabilities capabilities() throws InterruptedException {
    List<Platform> chosenPlatforms = platforms;
    Map<String, String> chosenTools = tools;
    if (platforms.isEmpty() || tools.isEmpty()) {
      HostDetection.Found found = HostDetection.ofThisMachine().detect();
      chosenPlatforms = platforms.isEmpty() ? List.copyOf(found.platforms()) : platforms;
      chosenTools = tools.isEmpty() ? found.tools() : tools;
    }
    Capabilities capabilities = new Capabilities(chosenPlatforms, chosenTools, labels, capacity);
    Violations violations = new Violations();
    capabilities.validate("capabilities", violations);
    if (!violations.isEmpty()) {
      Violation first = violations.list().getFirst();
      throw usage(flagOf(first.field()) + ": " + first.message());
    }
    if (capabilities.platforms().isEmpty()) {
      throw usage("no platform given and none detected on this machine; pass --platform");
    }
    return capabilities;
  }

  private static String flagOf(String field) {
    if (field.startsWith("capabilities.capacity")) {
      return "--capacity";
    }
    return field.startsWith("capabilities.labels") ? "--label" : "--tool";
  }

  private String login(UserApi users) throws InterruptedException {
    Console console = System.console();
    if (console == null) {
      throw usage("set HANGAR_TOKEN to a session token, or run register in a terminal to log in");
    }
    String username = console.readLine("Hangar username: ");
    char[] password = console.readPassword("Password: ");
    if (username == null || username.isBlank() || password == null || password.length == 0) {
      throw usage("a username and a password are needed to log in");
    }
    try {
      return users.login(username.strip(), new String(password)).token();
    } catch (ApiProblem problem) {
      throw new CommandFailure(
          problem.status() == 401
              ? "login failed: wrong username or password"
              : "login failed: " + problem.getMessage());
    } catch (ServerUnreachable unreachable) {
      throw new CommandFailure("cannot reach " + url + " (" + unreachable.getMessage() + ")");
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private RegisteredRunner register(
      UserApi users, String token, Capabilities capabilities, boolean ownSession)
      throws InterruptedException {
    try {
      return users.register(token, new RegisterRunnerRequest(name.strip(), capabilities));
    } catch (ApiProblem problem) {
      if (problem.status() == 401 && !ownSession) {
        throw new CommandFailure(
            "HANGAR_TOKEN is not a live session (" + problem.getMessage() + "); log in again");
      }
      throw new CommandFailure(
          "the server refused to register the runner: " + problem.getMessage());
    } catch (ServerUnreachable unreachable) {
      throw new CommandFailure("cannot reach " + url + " (" + unreachable.getMessage() + ")");
    }
  }

  /**
   * Ends the session this command opened; a failure only costs a session that expires on its own.
   */
  private void logout(UserApi users, String token) throws InterruptedException {
    try {
      users.logout(token);
    } catch (ApiProblem | ServerUnreachable e) {
      spec.commandLine()
          .getErr()
          .println(
              "hangar-runner: could not log out the session used to register ("
                  + e.getMessage()
                  + "); it expires on its own");
    }
  }

  private static String describe(Capabilities c) {
    return "platforms "
        + c.platforms().stream().map(Platform::wire).toList()
        + ", tools "
        + c.tools()
        + ", labels "
        + c.labels()
        + ", capacity "
        + c.capacity();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
