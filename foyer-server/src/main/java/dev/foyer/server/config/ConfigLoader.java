package dev.foyer.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads a configuration file ({@code .yaml}/{@code .yml} or {@code .properties}) whose keys are the
 * long option names of {@code foyer serve} ({@code port}, {@code database-url}, ...), and applies
 * key/value pairs to a {@link FoyerConfig.Builder}. Unknown keys are errors, so typos are caught.
 */
public final class ConfigLoader {
    private static final Map<String, BiConsumer<FoyerConfig.Builder, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("port", (b, v) -> b.port(Integer.parseInt(v)));
        KEYS.put("bind", FoyerConfig.Builder::bind);
        KEYS.put("data", (b, v) -> b.dataDir(Path.of(v)));
        KEYS.put("database-url", FoyerConfig.Builder::databaseUrl);
        KEYS.put("database-user", FoyerConfig.Builder::databaseUser);
        KEYS.put("database-password", FoyerConfig.Builder::databasePassword);
        KEYS.put("public-url", (b, v) -> b.publicUrl(URI.create(v)));
        KEYS.put("access-token-ttl", (b, v) -> b.accessTokenTtl(duration(v)));
        KEYS.put("join-token-ttl", (b, v) -> b.joinTokenDefaultTtl(duration(v)));
        KEYS.put("join-token-max-ttl", (b, v) -> b.joinTokenMaxTtl(duration(v)));
        KEYS.put("meeting-lifetime", (b, v) -> b.meetingDefaultLifetime(duration(v)));
        KEYS.put("meeting-max-lifetime", (b, v) -> b.meetingMaxLifetime(duration(v)));
        KEYS.put("max-body-bytes", (b, v) -> b.maxBodyBytes(Integer.parseInt(v)));
        KEYS.put("anonymous-tokens-per-minute", (b, v) -> b.anonymousTokensPerMinutePerIp(Integer.parseInt(v)));
        KEYS.put("stun-urls", (b, v) -> b.stunUrls(list(v)));
        KEYS.put("turn-urls", (b, v) -> b.turnUrls(list(v)));
        KEYS.put("turn-secret", FoyerConfig.Builder::turnSecret);
        KEYS.put("turn-credential-ttl", (b, v) -> b.turnCredentialTtl(duration(v)));
        KEYS.put("lobby-timeout", (b, v) -> b.lobbyTimeout(duration(v)));
        KEYS.put("resume-grace", (b, v) -> b.resumeGrace(duration(v)));
        KEYS.put("max-participants", (b, v) -> b.maxParticipants(Integer.parseInt(v)));
        KEYS.put("webhooks-allow-private", (b, v) -> b.webhooksAllowPrivate(bool(v)));
        KEYS.put("webhook-retry-horizon", (b, v) -> b.webhookRetryHorizon(duration(v)));
        KEYS.put("webhook-timeout", (b, v) -> b.webhookTimeout(duration(v)));
        KEYS.put("webhook-retention", (b, v) -> b.webhookRetention(duration(v)));
        KEYS.put("token-retention", (b, v) -> b.tokenRetention(duration(v)));
        KEYS.put("mesh-limit", (b, v) -> b.meshLimit(Integer.parseInt(v)));
        KEYS.put("http-threads", (b, v) -> b.httpThreads(Integer.parseInt(v)));
        KEYS.put("roster-delay", (b, v) -> b.rosterDelay(duration(v)));
        KEYS.put("roster-interval", (b, v) -> b.rosterInterval(duration(v)));
        KEYS.put("chat-interval", (b, v) -> b.chatInterval(duration(v)));
        KEYS.put("signaling-idle-timeout", (b, v) -> b.signalingIdleTimeout(duration(v)));
    }

    private ConfigLoader() {}

    /** The keys a configuration file may use. */
    public static List<String> keys() {
        return List.copyOf(KEYS.keySet());
    }

    /** Reads {@code file} into key/value pairs (lists joined with commas). */
    public static Map<String, String> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, String> out = new LinkedHashMap<>();
        if (name.endsWith(".properties")) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root != null && !root.isObject()) {
                throw new IllegalArgumentException(file + ": expected key: value pairs at the top level");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = root == null ? java.util.Collections.emptyIterator()
                    : root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.put(f.getKey(), f.getValue().isArray() ? joined(f.getValue()) : f.getValue().asText());
            }
        } else {
            throw new IllegalArgumentException(file + ": use a .yaml, .yml or .properties file");
        }
        return out;
    }

    /** Applies pairs to the builder; an unknown key or a bad value is an {@link IllegalArgumentException}. */
    public static void apply(Map<String, String> values, FoyerConfig.Builder builder) {
        values.forEach((key, value) -> {
            BiConsumer<FoyerConfig.Builder, String> setter = KEYS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'; known keys: " + keys());
            }
            try {
                setter.accept(builder, value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("configuration key '" + key + "': invalid value '" + value + "'");
            }
        });
    }

    /** {@code 90s}, {@code 15m}, {@code 8h}, {@code 30d}, or an ISO-8601 duration ({@code PT8H}). */
    public static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("duration needs a unit ms, s, m, h or d: " + v);
        };
    }

    private static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + v);
        };
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
        return out;
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(",", parts);
    }
}
