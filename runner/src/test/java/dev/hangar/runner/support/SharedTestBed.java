package dev.hangar.runner.support;

import dev.hangar.testing.Directories;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link TestBed} for every class that takes one as a parameter (of its {@code @BeforeAll}),
 * with one-second heartbeats and the leases' default length, in a namespace of its own: started by
 * the first such class and stopped, its namespace deleted, once every test of the JVM has run. An
 * api-service and a dispatcher a class would otherwise start cost the CPU of dozens of runner
 * processes. Each class keeps its own lanes (labels) and its own {@link TestBed#newFleet fleet};
 * one that counts things (runners, sessions) counts only its own, as RegisterIT does by registering
 * as a user of its own. Use with {@code @ExtendWith(SharedTestBed.class)}.
 */
public final class SharedTestBed implements ParameterResolver {

  /** The settings of the shared bed's servers, for a class that starts more of its own. */
  public static final Map<String, Object> SETTINGS =
      Fleet.settings(Map.of("hangar.heartbeat-interval", "1s"));

  /** The README of the repository its builds check out. */
  public static final String README = "hello from the repository\n";

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(SharedTestBed.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBed.class;
  }

  @Override
  public TestBed resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .computeIfAbsent(Owned.class, type -> Owned.start(), Owned.class)
        .bed();
  }

  /** The bed with what it was made in; closed by JUnit with the root store. */
  private record Owned(TestNamespace namespace, Path dir, TestBed bed) implements AutoCloseable {

    static Owned start() {
      Path dir;
      try {
        dir = Files.createTempDirectory("hangar-shared-bed-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make the shared test bed's directory", e);
      }
      TestNamespace namespace = TestNamespace.create();
      try {
        return new Owned(namespace, dir, TestBed.start(namespace, dir, SETTINGS, README));
      } catch (RuntimeException e) {
        try {
          namespace.close();
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup);
        }
        Directories.deleteTree(dir);
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      try {
        bed.close();
      } finally {
        namespace.close();
        Directories.deleteTree(dir);
      }
    }
  }
}
