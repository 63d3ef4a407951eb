package app.phaseo.connect.videos.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues signed download URLs the way the gateway does: a fresh token and signature on every
 * request, valid for one hour from the request time. This is what makes {@code download_url}
 * and {@code expires_at} volatile.
 */
final class UrlSigner {

    static final long TTL_SECONDS = 3600;

    private final String workspaceId;
    private final byte[] secret;
    private final AtomicLong nonce = new AtomicLong();

    UrlSigner(String workspaceId, long seed) {
        this.workspaceId = workspaceId;
        this.secret = ("phaseo-simulator-signing-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    /** A signed URL. */
    record Signed(String url, long expiresAt) {
    }

    Signed sign(String contentUrl, String videoId, Instant requestTime) {
        long expiresAt = requestTime.getEpochSecond() + TTL_SECONDS;
        String tokenJson = "{\"workspace_id\":\"" + workspaceId + "\",\"video_id\":\"" + videoId
                + "\",\"index\":0,\"disposition\":\"attachment\",\"nonce\":" + nonce.incrementAndGet() + "}";
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tokenJson.getBytes(StandardCharsets.UTF_8));
        String signature = hmacHex(token + "." + expiresAt);
        return new Signed(contentUrl + "?download_token=" + token + "&download_sig=" + signature
                + "&expires_at=" + expiresAt, expiresAt);
    }

    private String hmacHex(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
