package dev.hangar.runner.support;

import dev.hangar.testing.TestNamespace;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a runner test class builds against: an api-service and a dispatcher with the class's
 * settings, git daemon serving one repository of two commits, and a fleet of runners on them.
 * Closing stops them all.
 */
public final class TestBed implements AutoCloseable {

  private final Servers servers;
  private final GitServer git;
  private final GitServer.Repository repository;
  private final String sha;
  private final Fleet fleet;

  private TestBed(
      Servers servers, GitServer git, GitServer.Repository repository, String sha, Fleet fleet) {
    this.servers = servers;
    this.git = git;
    this.repository = repository;
    this.sha = sha;
    this.fleet = fleet;
  }

  /** The repository holds {@code readme} as README.md, and its second commit adds a Dart file. */
  public static TestBed start(
      TestNamespace namespace, Path dir, Map<String, Object> settings, String readme) {
    Servers servers = Servers.withDispatcher(namespace, settings);
    GitServer git = GitServer.start(dir);
    GitServer.Repository repository = git.repository("app", Map.of("README.md", readme));
    String sha = repository.commit(Map.of("lib/main.dart", "void main() {}\n"), "second");
    return new TestBed(
        servers, git, repository, sha, new Fleet(servers.client(), servers.baseUrl(), dir));
  }

  public Fleet fleet() {
    return fleet;
  }

  public String repositoryUrl() {
    return repository.url();
  }

  /** The repository's second commit, the one tests build. */
  public String sha() {
    return sha;
  }

  @Override
  public void close() throws Exception {
    fleet.close();
    git.close();
    servers.close();
  }
}
