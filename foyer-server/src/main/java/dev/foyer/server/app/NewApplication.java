package dev.foyer.server.app;

/** A freshly created application with its secrets, which are shown this once and never again. */
public record NewApplication(Application application, String clientSecret, String webhookSecret) {}
