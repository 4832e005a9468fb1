package dev.foyer.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class SignalingPredictionTest {
    static final String MID = "7KQ2M9XD4B1ZR";

    /** A compact JWS shape around {@code payloadJson}; nothing here verifies the signature. */
    static String token(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    static String tokenFor(String mid) {
        return token("{\"iss\":\"https://meet.example.com\",\"mid\":\"" + mid + "\",\"exp\":1}");
    }

    @Test
    void predictsTheSignalingUrlOnTheDiscoveryUrisHostPortAndPathPrefix() {
        assertThat(SignalingPrediction.predict("http://127.0.0.1:8080/discover", tokenFor(MID)))
                .hasToString("http://127.0.0.1:8080/signaling/v1/meetings/" + MID);
        assertThat(SignalingPrediction.predict("https://meet.example.com/foyer/discover?x=1#top", tokenFor(MID)))
                .hasToString("https://meet.example.com/foyer/signaling/v1/meetings/" + MID);
    }

    @Test
    void discoveryConfirmsOnlyTheVeryUrlPredictedComparedAsParsedUrls() {
        HttpUrl plain = SignalingPrediction.predict("http://127.0.0.1:8080/discover", tokenFor(MID));
        HttpUrl tls = SignalingPrediction.predict("https://Meet.Example.com:443/discover", tokenFor(MID));
        assertThat(SignalingPrediction.confirmedBy(plain, "ws://127.0.0.1:8080/signaling/v1/meetings/" + MID)).isTrue();
        assertThat(SignalingPrediction.confirmedBy(tls, "WSS://meet.example.com/signaling/v1/meetings/" + MID)).isTrue();

        assertThat(SignalingPrediction.confirmedBy(plain, "wss://127.0.0.1:8080/signaling/v1/meetings/" + MID)).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, "ws://127.0.0.1:8081/signaling/v1/meetings/" + MID)).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, "ws://127.0.0.2:8080/signaling/v1/meetings/" + MID)).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, "ws://127.0.0.1:8080/signaling/v1/meetings/OTHER")).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, "ws://127.0.0.1:8080/signaling/v1/meetings/" + MID + "?n=2")).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, "not a url")).isFalse();
        assertThat(SignalingPrediction.confirmedBy(plain, null)).isFalse();
    }

    @Test
    void aTokenThatDoesNotReadAsExpectedGivesNoPrediction() {
        String discover = "http://127.0.0.1:8080/discover";
        String header = tokenFor(MID).split("\\.")[0];
        for (String token : new String[] {
            null, "", "not-a-token", header + ".not*base64url.c2ln", header + "..c2ln", tokenFor(MID) + ".extra",
            token("not json"), token("[\"mid\"]"), token("{}"), token("{\"mid\":42}"), token("{\"mid\":null}"),
            tokenFor(""), tokenFor("a/b"), tokenFor(".."), tokenFor("a%2Fb"), tokenFor("a b"), tokenFor("x".repeat(65)),
        }) {
            assertThat(SignalingPrediction.predict(discover, token)).as("token %s", token).isNull();
        }
    }

    @Test
    void aDiscoveryUriNotLaidOutAsFoyersGivesNoPrediction() {
        for (String uri : new String[] {
            null, "", "not a url", "ftp://127.0.0.1/discover", "http://127.0.0.1/discover/", "http://127.0.0.1/discovery",
            "http://127.0.0.1/rediscover", "http://127.0.0.1/where/is/my/meeting", "http://127.0.0.1/",
        }) {
            assertThat(SignalingPrediction.predict(uri, tokenFor(MID))).as("discovery URI %s", uri).isNull();
        }
    }
}
