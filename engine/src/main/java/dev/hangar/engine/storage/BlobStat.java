package dev.hangar.engine.storage;

/**
 * What a store knows of a committed blob without reading it.
 *
 * @param modifiedAt epoch milliseconds of the commit
 */
public record BlobStat(long size, long modifiedAt) {}
