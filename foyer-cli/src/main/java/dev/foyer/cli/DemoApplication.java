package dev.foyer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.Application;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.error.FoyerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's registered application and its secrets, kept in {@code <data>/demo.json} (mode 600)
 * so that a restart of {@code foyer demo} reuses them: the server stores only the client secret's
 * hash, so it could not print it again.
 *
 * @param fresh whether this run registered the application (or replaced lost secrets)
 */
record DemoApplication(String appId, String clientId, String clientSecret, String webhookSecret, boolean fresh) {
    static final String NAME = "contoso-visits";
    static final String FILE = "demo.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reuses the application of {@code file} (or registers it) and points its allowed origin and
     * callback URL at the sample as it runs now.
     */
    static DemoApplication ensure(ApplicationService apps, Path file, String origin, String callbackUrl) {
        DemoApplication saved = read(file).orElse(null);
        List<Application> all = apps.list();
        Optional<Application> existing = all.stream()
                .filter(a -> saved != null && a.id().value().equals(saved.appId())).findFirst()
                .or(() -> all.stream().filter(a -> a.name().equals(NAME)).findFirst());
        DemoApplication demo;
        if (existing.isEmpty()) {
            NewApplication created = apps.create(NAME, List.of(origin), callbackUrl);
            demo = new DemoApplication(created.application().id().value(), created.application().clientId(),
                    created.clientSecret(), created.webhookSecret(), true);
        } else if (saved != null && stillValid(apps, existing.get(), saved)) {
            demo = saved;
        } else { // the file is gone or stale: issue new secrets, the old ones stop at once
            Application app = existing.get();
            demo = new DemoApplication(app.id().value(), app.clientId(), apps.rotateSecret(app.id().value()),
                    apps.rotateWebhookSecret(app.id().value(), Duration.ZERO).webhookSecret(), true);
        }
        Application app = apps.require(demo.appId());
        if (!app.allowedOrigins().equals(List.of(origin)) || !callbackUrl.equals(app.callbackUrl())) {
            apps.update(demo.appId(), List.of(origin), callbackUrl, false);
        }
        write(file, demo);
        return demo;
    }

    private static boolean stillValid(ApplicationService apps, Application app, DemoApplication saved) {
        try {
            return apps.authenticate(saved.clientId(), saved.clientSecret()).id().equals(app.id())
                    && app.webhookSecret().equals(saved.webhookSecret());
        } catch (FoyerException e) {
            return false;
        }
    }

    static Optional<DemoApplication> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new DemoApplication(n.path("appId").asText(), n.path("clientId").asText(),
                    n.path("clientSecret").asText(), n.path("webhookSecret").asText(), false));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: treated as lost, secrets are reissued
        }
    }

    private static void write(Path file, DemoApplication demo) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("appId", demo.appId());
        m.put("clientId", demo.clientId());
        m.put("clientSecret", demo.clientSecret());
        m.put("webhookSecret", demo.webhookSecret());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system
            }
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DemoApplication[" + appId + ", " + clientId + "]";
    }
}
