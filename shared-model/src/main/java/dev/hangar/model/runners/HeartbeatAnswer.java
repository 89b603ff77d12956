package dev.hangar.model.runners;

import dev.hangar.model.RunnerStatus;
import java.util.List;

public record HeartbeatAnswer(
    RunnerStatus status, long heartbeatIntervalSeconds, List<JobLease> jobs) {}
