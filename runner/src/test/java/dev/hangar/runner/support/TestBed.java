package dev.hangar.runner.support;

import dev.hangar.testing.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a runner test class builds against: an api-service and a dispatcher with the class's
 * settings, git daemon serving one repository of two commits, and a fleet of runners on them.
 * Closing stops them all.
 */
public final class TestBed implements AutoCloseable {

  private final TestNamespace namespace;
  private final Servers servers;
  private final GitServer git;
  private final GitServer.Repository repository;
  private final String sha;
  private final Fleet fleet;
  private final List<Path> orphanPids = new CopyOnWriteArrayList<>();

  private TestBed(
      TestNamespace namespace,
      Servers servers,
      GitServer git,
      GitServer.Repository repository,
      String sha,
      Fleet fleet) {
    this.namespace = namespace;
    this.servers = servers;
    this.git = git;
    this.repository = repository;
    this.sha = sha;
    this.fleet = fleet;
  }

  /** The repository holds {@code readme} as README.md, and its second commit adds a Dart file. */
  public static TestBed start(
      TestNamespace namespace, Path dir, Map<String, Object> settings, String readme) {
    Servers servers = Servers.start(namespace, settings);
    GitServer git = GitServer.start(dir);
    GitServer.Repository repository = git.repository("app", Map.of("README.md", readme));
    String sha = repository.commit(Map.of("lib/main.dart", "void main() {}\n"), "second");
    return new TestBed(
        namespace,
        servers,
        git,
        repository,
        sha,
        new Fleet(servers.client(), servers.baseUrl(), dir));
  }

  /** The namespace its servers run in. */
  public TestNamespace namespace() {
    return namespace;
  }

  public Fleet fleet() {
    return fleet;
  }

  /**
   * A fleet of its own on these servers, its runners' homes in {@code dir}, for a class sharing the
   * bed ({@link SharedTestBed}): the class closes it, which stops the runners it started.
   */
  public Fleet newFleet(Path dir) {
    return new Fleet(servers.client(), servers.baseUrl(), dir);
  }

  public String repositoryUrl() {
    return repository.url();
  }

  /** The repository's second commit, the one tests build. */
  public String sha() {
    return sha;
  }

  /** A pipeline of one step, {@code run}, with {@code OUT} naming the test's evidence directory. */
  public String pipeline(String label, String run, Path out) {
    return fleet.pipeline(
        fleet.project(repository.url()),
        "android",
        label,
        Map.of(
            "steps",
            List.of(Map.of("name", "work", "run", run, "env", Map.of("OUT", out.toString())))));
  }

  /**
   * A process whose pid a step writes to {@code pidFile} and that may outlive its runner (one
   * killed with SIGKILL leaves its step running): {@link #close()} kills it.
   */
  public void killOnClose(Path pidFile) {
    orphanPids.add(pidFile);
  }

  @Override
  public void close() throws Exception {
    for (Path pidFile : orphanPids) {
      if (Files.exists(pidFile)) {
        Pids.kill(Pids.read(pidFile));
      }
    }
    fleet.close();
    git.close();
    servers.close();
  }
}
