package dev.hangar.runner.support;

import static org.awaitility.Awaitility.await;

import dev.hangar.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Bare repositories served by a real {@code git daemon} on a free loopback port, so runners fetch
 * them over {@code git://} as they would from a real server (Hangar accepts no {@code file://}
 * URL).
 */
public final class GitServer implements AutoCloseable {

  private final Path base;
  private final int port;
  private final Process daemon;

  private GitServer(Path base, int port, Process daemon) {
    this.base = base;
    this.port = port;
    this.daemon = daemon;
  }

  public static GitServer start(Path dir) {
    try {
      Path base = Files.createDirectories(dir.resolve("served"));
      int port = FreePorts.next();
      Process daemon =
          new ProcessBuilder(
                  "git",
                  "daemon",
                  "--export-all",
                  "--reuseaddr",
                  "--base-path=" + base,
                  "--listen=127.0.0.1",
                  "--port=" + port,
                  base.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("git-daemon.log").toFile())
              .start();
      await("git daemon listening on " + port)
          .atMost(Duration.ofSeconds(30))
          .until(() -> accepts(port));
      return new GitServer(base, port, daemon);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new repository on the server with one commit holding {@code files}; the answer knows its URL
   * and commits.
   */
  public Repository repository(String name, Map<String, String> files) {
    try {
      Path bare = base.resolve(name + ".git");
      Files.createDirectories(bare);
      Git.run(bare, "init", "--bare", "-q");
      Path work = Files.createDirectories(base.resolveSibling("work-" + name));
      Git.run(work, "init", "-q");
      Git.run(work, "remote", "add", "origin", bare.toString());
      Repository repository = new Repository(work, "git://127.0.0.1:" + port + "/" + name + ".git");
      repository.commit(files, "first");
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    daemon.descendants().forEach(ProcessHandle::destroy);
    daemon.destroy();
    daemon.waitFor();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A served repository: commit to it and builds can fetch the commit from {@link #url()}. */
  public record Repository(Path work, String url) {

    /** Writes the files, commits them on {@code main}, pushes, and answers the full sha. */
    public String commit(Map<String, String> files, String message) {
      try {
        for (Map.Entry<String, String> file : files.entrySet()) {
          Path path = work.resolve(file.getKey());
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Git.run(work, "add", "-A");
      Git.run(work, "commit", "-q", "-m", message);
      Git.run(work, "push", "-q", "origin", "HEAD:refs/heads/main");
      return Git.run(work, "rev-parse", "HEAD");
    }
  }
}
