package dev.hangar.runner.artifacts;

import dev.hangar.model.artifacts.ArtifactName;
import dev.hangar.model.artifacts.ArtifactView;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Retry;
import dev.hangar.runner.api.ServerUnreachable;
import dev.hangar.runner.artifacts.WorkspaceFiles.Match;
import dev.hangar.runner.output.OutputSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A job's artifact step: what its patterns match in the workspace, uploaded one after another, each
 * file and each failure a line of the build's log. A pattern matching nothing is a warning, not a
 * failure. Two matches with one name: the first is uploaded, the others fail. A directory goes up
 * as {@code <name>.zip}, zipped to a file beside the workspace that is deleted after its upload.
 */
public final class ArtifactUploads {

  /** The step's name in the status report and the build log. */
  public static final String STEP = "upload artifacts";

  /** Where an artifact goes: the server's artifact endpoint for the job's attempt. */
  @FunctionalInterface
  public interface Destination {
    ArtifactView put(String name, HashedFile file) throws InterruptedException;
  }

  /** A match that was not uploaded, and why. */
  public record Failure(String name, String reason) {}

  /**
   * What the step did; {@code stopped} when the job was cancelled or lost part-way, which leaves
   * the rest unsent.
   */
  public record Result(List<String> uploaded, List<Failure> failures, boolean stopped) {

    public Result {
      uploaded = List.copyOf(uploaded);
      failures = List.copyOf(failures);
    }
  }

  private record Planned(Match match, String name) {}

  private final Path workspace;
  private final Path zipFile;
  private final ArtifactUpload upload;
  private final OutputSink output;
  private final Predicate<ApiProblem> endsJob;
  private final BooleanSupplier stopping;

  /**
   * @param zipFile where a directory is zipped before it is sent, outside the workspace
   * @param endsJob whether a refusal ended the job (a lost lease), as for every call of the job
   * @param stopping whether the job is being stopped, checked between uploads
   */
  public ArtifactUploads(
      Path workspace,
      Path zipFile,
      Destination destination,
      Retry retry,
      OutputSink output,
      Predicate<ApiProblem> endsJob,
      BooleanSupplier stopping) {
    this.workspace = workspace;
    this.zipFile = zipFile;
    this.upload = new ArtifactUpload(destination, retry);
    this.output = output;
    this.endsJob = endsJob;
    this.stopping = stopping;
  }

  public Result upload(List<String> patterns) throws InterruptedException {
    output.stepStarted(STEP);
    List<String> uploaded = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (Planned planned : plan(patterns, failures)) {
      if (stopping.getAsBoolean()) {
        return new Result(uploaded, failures, true);
      }
      try {
        HashedFile sent = send(planned);
        uploaded.add(planned.name());
        line(
            "uploaded %s (%s, sha256 %s)",
            planned.name(), size(sent.size()), sent.sha256().substring(0, 12));
      } catch (ApiProblem problem) {
        if (problem.status() == 404 && !problem.code().equals("job_not_found")) {
          // No such endpoint: a server older than this runner. The job itself is still ours.
          fail(
              failures,
              planned.name(),
              "the server takes no artifacts (" + problem.getMessage() + ")");
        } else if (endsJob.test(problem)) {
          return new Result(uploaded, failures, true);
        } else {
          fail(failures, planned.name(), problem.getMessage());
        }
      } catch (ServerUnreachable e) {
        fail(failures, planned.name(), "the server could not be reached: " + e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        if (stopping.getAsBoolean()) {
          // A cancel interrupts the reading, which the channel reports as closed.
          return new Result(uploaded, failures, true);
        }
        fail(
            failures,
            planned.name(),
            "could not read " + planned.match().relative() + ": " + e.getMessage());
      } finally {
        deleteZip();
      }
    }
    return new Result(uploaded, failures, stopping.getAsBoolean());
  }

  private HashedFile send(Planned planned) throws InterruptedException, IOException {
    Match match = planned.match();
    if (!match.directory()) {
      return upload.send(planned.name(), () -> HashedFile.of(match.target()));
    }
    return upload.send(
        planned.name(),
        () -> {
          line("zipping %s as %s", match.relative(), planned.name());
          DirectoryZip.Zipped zipped =
              DirectoryZip.zip(match.target(), folder(planned.name()), workspace, zipFile);
          zipped
              .leftOut()
              .forEach(
                  left ->
                      line(
                          "%s: left out the link %s/%s, which points neither within it nor to a"
                              + " file of the workspace",
                          planned.name(), match.relative(), left));
          return zipped.file();
        });
  }

  /** What to upload under which name, in pattern order; refused names become failures. */
  private List<Planned> plan(List<String> patterns, List<Failure> failures) {
    List<Planned> planned = new ArrayList<>();
    Map<String, String> named = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (String pattern : patterns) {
      WorkspaceFiles.Matches matches;
      try {
        matches = WorkspaceFiles.matching(workspace, pattern);
      } catch (IOException e) {
        fail(failures, pattern, "the workspace could not be searched: " + e.getMessage());
        continue;
      } catch (IllegalArgumentException e) {
        // The server checks where a pattern points when the pipeline is created, not its syntax.
        fail(failures, pattern, "not a glob pattern: " + e.getMessage());
        continue;
      }
      matches.outside().forEach(path -> line("%s leads out of the workspace; not uploaded", path));
      if (matches.found().isEmpty() && matches.outside().isEmpty()) {
        line("warning: nothing matches %s", pattern);
      }
      for (Match match : matches.found()) {
        if (!seen.add(match.relative())) {
          continue;
        }
        String file = Path.of(match.relative()).getFileName().toString();
        String name = match.directory() ? file + ".zip" : file;
        var problem = ArtifactName.problem(name);
        if (problem.isPresent()) {
          fail(failures, match.relative(), "its name " + problem.get());
        } else if (named.containsKey(name)) {
          fail(
              failures,
              match.relative(),
              "another artifact is named " + name + " (" + named.get(name) + ")");
        } else {
          named.put(name, match.relative());
          planned.add(new Planned(match, name));
        }
      }
    }
    return planned;
  }

  private void fail(List<Failure> failures, String name, String reason) {
    failures.add(new Failure(name, reason));
    line("not uploaded: %s: %s", name, reason);
  }

  private void line(String format, Object... args) {
    output.line(STEP, String.format(Locale.ROOT, format, args));
  }

  private void deleteZip() {
    try {
      Files.deleteIfExists(zipFile);
    } catch (IOException e) {
      line("could not remove %s: %s", zipFile.getFileName(), e.getMessage());
    }
  }

  /** The folder a zipped directory unpacks into: its name without {@code .zip}. */
  private static String folder(String zipName) {
    return zipName.substring(0, zipName.length() - ".zip".length());
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String unit = "B";
    for (String next : List.of("KiB", "MiB", "GiB", "TiB")) {
      if (value < 1024) {
        break;
      }
      value /= 1024;
      unit = next;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, unit);
  }
}
