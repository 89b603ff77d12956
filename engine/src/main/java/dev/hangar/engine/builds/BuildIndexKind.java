package dev.hangar.engine.builds;

/**
 * The indexes builds are listed from, newest first. A position in one (its score and a build id) is
 * meaningless in another: every build's and a pipeline's are scored by creation time, a project's
 * by build number.
 */
public enum BuildIndexKind {
  EVERY,
  PROJECT,
  PIPELINE
}
