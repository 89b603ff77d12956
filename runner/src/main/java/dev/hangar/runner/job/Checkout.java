package dev.hangar.runner.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The git commands that put a build's commit into an empty workspace: a shallow fetch of exactly
 * that commit, then its submodules. Every argument is passed as is (no shell), and {@code --} ends
 * the options before the URL and the ref, so neither can smuggle one in.
 */
final class Checkout {

  /** A full object name (SHA-1 or SHA-256), which a server can be asked for directly. */
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

  /**
   * For the checkout's git processes: never prompt for credentials (there is nobody to answer), and
   * speak only the transports a project URL may name, so a submodule cannot point at {@code ext::}
   * or a local path.
   */
  static final Map<String, String> GIT_ENV =
      Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ALLOW_PROTOCOL", "https:http:ssh:git");

  private Checkout() {}

  static List<List<String>> commands(String repositoryUrl, String commitSha, String branch) {
    List<List<String>> commands = new ArrayList<>();
    commands.add(List.of("git", "-c", "init.defaultBranch=hangar", "init", "-q"));
    boolean haveSha = commitSha != null && !commitSha.isBlank();
    if (haveSha && FULL_SHA.matcher(commitSha).matches()) {
      commands.add(List.of("git", "fetch", "--depth", "1", "--", repositoryUrl, commitSha));
      commands.add(detach("FETCH_HEAD"));
    } else if (haveSha) {
      // An abbreviated sha cannot be fetched by name: fetch the branch's history and let git
      // resolve it.
      commands.add(List.of("git", "fetch", "--", repositoryUrl, branch));
      commands.add(detach(commitSha));
    } else {
      commands.add(List.of("git", "fetch", "--depth", "1", "--", repositoryUrl, branch));
      commands.add(detach("FETCH_HEAD"));
    }
    commands.add(List.of("git", "submodule", "update", "--init", "--recursive", "--depth", "1"));
    return commands;
  }

  private static List<String> detach(String commit) {
    return List.of(
        "git", "-c", "advice.detachedHead=false", "checkout", "-q", "--detach", commit, "--");
  }
}
