package dev.foyer.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ES256 signing and verification on Bouncy Castle's provider, with keys in its own form.
 *
 * <p>On JDK 17 the built-in provider signs a token in ~650–750 µs and verifies one in ~1.2 ms on
 * the benchmark machine (generic point arithmetic, no precomputed tables for the base point);
 * Bouncy Castle, given its own key objects, takes ~100 µs for each (docs/performance.md, item
 * 35). Minting is a Platform API call per guest, so this is what a back-end waits for and what a
 * node spends per token. The provider is used only through these objects, never registered
 * with {@link java.security.Security}, so nothing else in the process changes provider.
 */
final class Es256 {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Es256() {}

    /** A signer for {@code key}, a private P-256 JWK. */
    static JWSSigner signer(ECKey key) throws JOSEException {
        try {
            PrivateKey own = KeyFactory.getInstance("EC", PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded()));
            ECDSASigner signer = new ECDSASigner(own, Curve.P_256);
            signer.getJCAContext().setProvider(PROVIDER);
            return signer;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the signing key: " + e.getMessage(), e);
        }
    }

    /** {@code key} as a verification key of this provider. */
    static ECPublicKey verificationKey(ECKey key) throws JOSEException {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC", PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the verification key: " + e.getMessage(), e);
        }
    }

    /** Verifiers that check signatures with this provider. */
    static JWSVerifierFactory verifiers() {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        factory.getJCAContext().setProvider(PROVIDER);
        return factory;
    }
}
