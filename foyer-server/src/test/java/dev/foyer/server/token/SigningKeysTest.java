package dev.foyer.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final TestClock clock = new TestClock();

    @Test
    void firstStartGeneratesAndStoresOneEs256Key() {
        SigningKeys keys = new SigningKeys(store, clock);

        assertThat(store.listAll()).hasSize(1);
        String kid = store.listAll().get(0).kid();
        assertThat(keys.signingKeyId()).isEqualTo(kid);
        assertThat(kid).matches("k[A-Za-z0-9_-]{22}");
        assertThat(store.privateJwk(kid)).contains("\"d\"").contains("\"P-256\"").contains("\"ES256\"");
    }

    @Test
    void keyIdsNeverStartWithADashSoACommandLineTakesThemAsArguments() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(TokenIds.keyId()).doesNotStartWith("-").hasSize(23);
        }
    }

    @Test
    void restartReusesTheStoredKey() {
        String kid = new SigningKeys(store, clock).signingKeyId();

        SigningKeys restarted = new SigningKeys(store, clock);

        assertThat(restarted.signingKeyId()).isEqualTo(kid);
        assertThat(store.listAll()).hasSize(1);
    }

    @Test
    void jwksListsPublicPartsOnly() {
        SigningKeys keys = new SigningKeys(store, clock);

        Map<String, Object> jwks = keys.publicJwkSet();

        List<?> list = (List<?>) jwks.get("keys");
        assertThat(list).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = (Map<String, Object>) list.get(0);
        assertThat(jwk).containsEntry("kid", keys.signingKeyId()).containsEntry("kty", "EC")
                .containsEntry("crv", "P-256").containsEntry("alg", "ES256").containsEntry("use", "sig")
                .containsKeys("x", "y").doesNotContainKey("d");
    }

    @Test
    void rotatedKeySignsAndOldKeyStillVerifies() {
        SigningKeys keys = new SigningKeys(store, clock);
        String old = keys.signingKeyId();

        String rotated = keys.rotate();

        assertThat(keys.signingKeyId()).isEqualTo(rotated).isNotEqualTo(old);
        assertThat(keys.verificationKeyIds()).containsExactly(old, rotated);
        assertThat(keys.verificationKey(old)).isNotNull();
    }

    @Test
    void retiredKeyNeitherSignsNorVerifies() {
        SigningKeys keys = new SigningKeys(store, clock);
        String old = keys.signingKeyId();
        String rotated = keys.rotate();

        assertThat(keys.retire(rotated)).isTrue();

        assertThat(keys.signingKeyId()).isEqualTo(old);
        assertThat(keys.verificationKeyIds()).containsExactly(old);
        assertThat(keys.retire(rotated)).isFalse();
    }

    @Test
    void retiringTheOnlyKeyIsRefused() {
        SigningKeys keys = new SigningKeys(store, clock);

        assertThatThrownBy(() -> keys.retire(keys.signingKeyId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only signing key");
        assertThat(store.listUnretired()).hasSize(1);
    }

    @Test
    void retiringAnUnknownKidIsFalse() {
        assertThat(new SigningKeys(store, clock).retire("no-such-kid")).isFalse();
    }

    @Test
    void reloadPicksUpRotationByAnotherProcess() {
        SigningKeys here = new SigningKeys(store, clock);
        SigningKeys cli = new SigningKeys(store, clock);

        String rotated = cli.rotate();
        assertThat(here.signingKeyId()).isNotEqualTo(rotated);
        here.reload();

        assertThat(here.signingKeyId()).isEqualTo(rotated);
    }

    @Test
    void unknownKidReloadsAtMostOncePerInterval() {
        SigningKeys here = new SigningKeys(store, clock);
        SigningKeys cli = new SigningKeys(store, clock);
        String rotated = cli.rotate();

        assertThat(here.verificationKey(rotated)).as("just loaded: no reload yet").isNull();
        clock.advance(SigningKeys.UNKNOWN_KID_RELOAD_INTERVAL);

        assertThat(here.verificationKey(rotated)).isNotNull();
    }

    @Test
    void rotationInTheSameInstantStillMakesTheNewKeyTheSigner() {
        SigningKeys keys = new SigningKeys(store, clock);
        String first = keys.rotate();
        String second = keys.rotate();

        assertThat(keys.signingKeyId()).isEqualTo(second);
        assertThat(new SigningKeys(store, clock).signingKeyId()).isEqualTo(second).isNotEqualTo(first);
    }
}
