package dev.hangar.runner.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where {@code run} keeps workspaces and caches, and how long a cancelled command gets between
 * SIGTERM and SIGKILL.
 */
public record AgentSettings(Path workRoot, Path cacheDir, Duration cancelGrace) {}
