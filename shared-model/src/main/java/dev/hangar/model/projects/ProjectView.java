package dev.hangar.model.projects;

public record ProjectView(
    String id, String name, String repositoryUrl, String createdBy, long createdAt) {}
