package dev.hangar.model.queues;

import dev.hangar.model.Platform;
import java.util.List;
import java.util.Map;

/**
 * One capability class's queue as an operator sees it. {@code name} is the class key, e.g. {@code
 * ios.m2.xcode>=16}.
 *
 * @param ready messages ready in the broker, both priorities
 * @param readyHigh of those, the ones in the high-priority queue
 * @param oldestQueuedAt when the longest-waiting build started waiting (Unix seconds), or null
 * @param oldestAgeSeconds how long it has waited by Redis's clock, so no client's clock is needed
 * @param runnersOnlineEligible runners that could take a build right now
 * @param runnersBusyEligible runners that could take one but are at capacity
 * @param runnersDrainingEligible runners that could take one but are draining
 * @param stuck builds wait and no eligible runner is online or busy, so none will be taken until an
 *     operator acts
 */
public record QueueView(
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    long ready,
    long readyHigh,
    Long oldestQueuedAt,
    Long oldestAgeSeconds,
    int runnersOnlineEligible,
    int runnersBusyEligible,
    int runnersDrainingEligible,
    boolean stuck) {}
