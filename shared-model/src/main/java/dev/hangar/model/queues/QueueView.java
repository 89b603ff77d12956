package dev.hangar.model.queues;

import dev.hangar.model.Platform;
import java.util.List;
import java.util.Map;

/**
 * One capability class's queue as an operator sees it: {@code ready} messages in the broker (both
 * priorities), when the longest-waiting build started waiting, and how many online runners could
 * take it right now. {@code name} is the class key, e.g. {@code ios.m2.xcode>=16}.
 */
public record QueueView(
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    long ready,
    Long oldestQueuedAt,
    int runnersOnlineEligible) {}
