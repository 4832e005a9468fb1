package dev.foyer.server.user;

/** A freshly created user and its personal access token, shown this once. */
public record NewUser(User user, String token) {}
