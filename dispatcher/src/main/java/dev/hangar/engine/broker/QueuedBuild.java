package dev.hangar.engine.broker;

/** The body of a queue message: which build, and which attempt the message stands for. */
public record QueuedBuild(String buildId, int attempt) {}
