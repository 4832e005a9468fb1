package dev.foyer.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.foyer.server.store.SigningKeyStore;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key ring that signs and verifies every token Foyer issues: EC P-256 keys used with ES256
 * only, kept in a {@link SigningKeyStore} so that tokens survive a restart.
 *
 * <p>The newest unretired key signs; every unretired key verifies. {@link #rotate()} adds a key
 * that becomes the signer while older keys keep verifying the tokens they signed; {@link
 * #retire(String)} withdraws a key from both roles, so its tokens stop working at once.
 *
 * <p>Thread-safe: readers see an immutable snapshot, replaced whole on every change. Several
 * server processes (and the admin CLI) may share one store: each holds its own snapshot, which
 * {@link #reload()} refreshes. A token naming a key this process has not seen yet triggers a
 * reload, at most once per {@link #UNKNOWN_KID_RELOAD_INTERVAL}, so a key rotated elsewhere
 * verifies here without waiting; a key retired elsewhere stops verifying here at the next
 * reload, which the server should run periodically.
 */
public final class SigningKeys {
    /** The least time between two reloads caused by an unknown {@code kid}. */
    public static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(10);

    private final SigningKeyStore store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /**
     * Loads the unretired keys of {@code store}, first generating and storing one when there are
     * none.
     */
    public SigningKeys(SigningKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        synchronized (this) {
            if (store.listUnretired().isEmpty()) {
                store.insert(generate(clock.instant()));
            }
            reload();
        }
    }

    /**
     * Reads the unretired keys from the store again, picking up keys rotated or retired by another
     * process. Throws {@link IllegalStateException} when the store holds no unretired key (then
     * the old snapshot stays in use) or a key that cannot be parsed.
     */
    public synchronized void reload() {
        snapshot = Snapshot.of(store.listUnretired(), clock.instant());
    }

    /** Adds a new key that signs from now on; older keys keep verifying. Returns its {@code kid}. */
    public synchronized String rotate() {
        reload();
        Instant now = clock.instant();
        Instant newest = snapshot.signerCreatedAt;
        // "Newest" must never be a tie, whatever the clock's resolution.
        Instant createdAt = now.isAfter(newest) ? now : newest.plusMillis(1);
        StoredSigningKey key = generate(createdAt);
        store.insert(key);
        reload();
        return key.kid();
    }

    /**
     * Retires a key: it neither signs nor verifies any more, in this process at once. Returns false
     * when no unretired key has that id. Throws {@link IllegalStateException} when it is the only
     * unretired key, since the server could then sign nothing: rotate first.
     */
    public synchronized boolean retire(String kid) {
        Objects.requireNonNull(kid, "kid == null");
        reload();
        Snapshot current = snapshot;
        if (!current.verificationKeys.containsKey(kid)) {
            return false;
        }
        if (current.verificationKeys.size() == 1) {
            throw new IllegalStateException("refusing to retire the only signing key " + kid + "; rotate first");
        }
        boolean retired = store.retire(kid, clock.instant());
        reload();
        return retired;
    }

    /**
     * The JSON Web Key Set served at {@code GET /.well-known/jwks.json}: the public part of every
     * unretired key, with its {@code kid}, {@code alg} and {@code use}. Never a private parameter.
     */
    public Map<String, Object> publicJwkSet() {
        return snapshot.publicJwkSet;
    }

    /** The {@code kid} of the key that signs new tokens. */
    public String signingKeyId() {
        return snapshot.signerKid;
    }

    /** The {@code kid}s of the keys that verify, oldest first. */
    public List<String> verificationKeyIds() {
        return List.copyOf(snapshot.verificationKeys.keySet());
    }

    /** The signer of new tokens and its {@code kid}, read together from one snapshot. */
    Signer signer() {
        Snapshot current = snapshot;
        return new Signer(current.signerKid, current.signer);
    }

    /** The public key that verifies tokens naming {@code kid}, or null when it is not an unretired key. */
    ECPublicKey verificationKey(String kid) {
        Snapshot current = snapshot;
        ECPublicKey key = current.verificationKeys.get(kid);
        if (key != null) {
            return key;
        }
        Instant now = clock.instant();
        if (now.isBefore(current.loadedAt.plus(UNKNOWN_KID_RELOAD_INTERVAL))) {
            return null;
        }
        synchronized (this) {
            if (snapshot == current) {
                reload();
            }
            return snapshot.verificationKeys.get(kid);
        }
    }

    record Signer(String kid, JWSSigner signer) {}

    private static StoredSigningKey generate(Instant createdAt) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(TokenIds.keyId())
                    .algorithm(JWSAlgorithm.ES256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            return new StoredSigningKey(key.getKeyID(), key.toJSONString(), createdAt, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    /** One consistent view of the ring; never mutated after construction. */
    private static final class Snapshot {
        final String signerKid;
        final Instant signerCreatedAt;
        final JWSSigner signer;
        final Map<String, ECPublicKey> verificationKeys;
        final Map<String, Object> publicJwkSet;
        final Instant loadedAt;

        private Snapshot(String signerKid, Instant signerCreatedAt, JWSSigner signer,
                Map<String, ECPublicKey> verificationKeys, Map<String, Object> publicJwkSet, Instant loadedAt) {
            this.signerKid = signerKid;
            this.signerCreatedAt = signerCreatedAt;
            this.signer = signer;
            this.verificationKeys = verificationKeys;
            this.publicJwkSet = publicJwkSet;
            this.loadedAt = loadedAt;
        }

        static Snapshot of(List<StoredSigningKey> unretired, Instant loadedAt) {
            if (unretired.isEmpty()) {
                throw new IllegalStateException("the store holds no unretired signing key");
            }
            Map<String, ECPublicKey> verificationKeys = new LinkedHashMap<>();
            List<Map<String, Object>> publicJwks = new ArrayList<>();
            StoredSigningKey newest = null;
            ECKey newestKey = null;
            for (StoredSigningKey stored : unretired) {
                ECKey key = parse(stored);
                ECKey publicKey = key.toPublicJWK();
                publicJwks.add(Collections.unmodifiableMap(new LinkedHashMap<>(publicKey.toJSONObject())));
                try {
                    verificationKeys.put(stored.kid(), Es256.verificationKey(publicKey));
                } catch (JOSEException e) {
                    throw new IllegalStateException("stored signing key " + stored.kid() + " is not usable", e);
                }
                // Oldest first, so on a tie of createdAt the later one in the list wins.
                if (newest == null || !stored.createdAt().isBefore(newest.createdAt())) {
                    newest = stored;
                    newestKey = key;
                }
            }
            JWSSigner signer;
            try {
                signer = Es256.signer(newestKey);
            } catch (JOSEException e) {
                throw new IllegalStateException("stored signing key " + newest.kid() + " cannot sign", e);
            }
            return new Snapshot(newest.kid(), newest.createdAt(), signer,
                    Collections.unmodifiableMap(verificationKeys), Map.of("keys", List.copyOf(publicJwks)), loadedAt);
        }

        private static ECKey parse(StoredSigningKey stored) {
            ECKey key;
            try {
                key = ECKey.parse(stored.privateJwk());
            } catch (ParseException e) {
                // The message of a JWK parse error may quote the JSON: keep private material out of logs.
                throw new IllegalStateException("stored signing key " + stored.kid() + " is not an EC JWK");
            }
            if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate() || !stored.kid().equals(key.getKeyID())) {
                throw new IllegalStateException(
                        "stored signing key " + stored.kid() + " must be a private P-256 key with that kid");
            }
            return key;
        }
    }
}
