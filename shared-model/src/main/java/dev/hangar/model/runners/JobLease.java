package dev.hangar.model.runners;

/** A job the runner holds, as its heartbeat sees it: when the lease ends and whether to stop. */
public record JobLease(String jobId, long leaseExpiresAt, boolean cancelRequested) {}
