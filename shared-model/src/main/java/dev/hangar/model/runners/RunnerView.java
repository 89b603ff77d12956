package dev.hangar.model.runners;

import dev.hangar.model.Capabilities;
import dev.hangar.model.RunnerStatus;
import java.util.List;

public record RunnerView(
    String id,
    String name,
    RunnerStatus status,
    Capabilities capabilities,
    long lastHeartbeatAt,
    String registeredBy,
    long createdAt,
    long updatedAt,
    List<String> currentJobs) {}
