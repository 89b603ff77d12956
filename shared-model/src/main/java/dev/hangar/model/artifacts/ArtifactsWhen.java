package dev.hangar.model.artifacts;

import dev.hangar.model.WireName;

/**
 * After which outcomes of its steps a job uploads its artifacts, as GitLab's {@code artifacts:when}
 * has it: a failed build's test reports and half-built bundles are often what one needs to see.
 */
public enum ArtifactsWhen implements WireName {
  ON_SUCCESS,
  ON_FAILURE,
  ALWAYS;

  /** Whether a job whose steps ended this way uploads. */
  public boolean uploadsAfter(boolean stepsSucceeded) {
    return switch (this) {
      case ON_SUCCESS -> stepsSucceeded;
      case ON_FAILURE -> !stepsSucceeded;
      case ALWAYS -> true;
    };
  }
}
