package dev.hangar.model.logs;

/**
 * Answer to an accepted log chunk ({@code POST /v1/runners/{id}/jobs/{job}/logs}): where the
 * attempt's output continues, in bytes as the runner counts them. A retried chunk that was stored
 * already is answered the same way.
 */
public record LogAppendAnswer(long nextOffset) {}
