package dev.hangar.model.validation;

/**
 * One problem with one field of a request; {@code field} is the wire path, e.g. {@code
 * capabilities.capacity}.
 */
public record Violation(String field, String message) {}
