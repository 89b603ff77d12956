package dev.hangar.model.auth;

public record UserView(String id, String username, boolean admin) {}
