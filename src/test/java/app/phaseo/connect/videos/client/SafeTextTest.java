package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.FAKE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    private final SafeText safe = new SafeText("k-3xact-key");

    @Test
    void replacesTheKeyKeyShapedStringsAndBearerTokens() {
        assertThat(safe.clean("a k-3xact-key b", 100)).isEqualTo("a [redacted] b");
        assertThat(safe.clean("x " + FAKE_KEY + " y", 100)).isEqualTo("x [redacted] y");
        assertThat(safe.clean("cut aistats_v1_sk_fake_cl", 100)).isEqualTo("cut [redacted]");
        assertThat(safe.clean("Authorization: Bearer abc.DEF-123_~+/== (end)", 100))
                .isEqualTo("Authorization: Bearer [redacted] (end)");
    }

    @Test
    void turnsControlCharactersIntoSpacesAndShortens() {
        assertThat(safe.clean("one\r\ntwo\tthree\u0000four", 100)).isEqualTo("one two three four");
        assertThat(safe.clean("abcdefghij", 4)).isEqualTo("abcd...");
        assertThat(safe.clean(null, 4)).isNull();
    }

    @Test
    void previewsBytesWithoutCuttingAKeyInHalfBeforeRedacting() {
        byte[] body = ("xx" + FAKE_KEY + "yy").getBytes(StandardCharsets.UTF_8);

        assertThat(safe.preview(body, 10)).isEqualTo("xx[redacte...");
    }

    @Test
    void logUrlsShowOnlyOurOwnQueryParameterValues() {
        HttpUrl url = HttpUrl.get("https://api.phaseo.app/v1/videos?limit=5&status=queued,failed&after=G-1&sig=secret&order=asc");

        assertThat(SafeText.forLog(url))
                .isEqualTo("https://api.phaseo.app:443/v1/videos?limit=5&status=queued,failed&after=G-1&sig=...&order=asc");
        assertThat(SafeText.describeCall(url)).isEqualTo("GET /v1/videos");
        assertThat(SafeText.origin(url)).isEqualTo("https://api.phaseo.app:443");
    }

    @Test
    void aCauseThatQuotesTheKeyIsReplacedByARedactedCopy() {
        IOException inner = new IOException("inner " + FAKE_KEY);
        IOException outer = new IOException("outer", inner);

        Throwable scrubbed = safe.scrubbed(outer);

        assertThat(scrubbed).isNotSameAs(outer).hasMessage("java.io.IOException: outer");
        assertThat(scrubbed.getCause()).hasMessage("java.io.IOException: inner [redacted]");
        assertThat(scrubbed.getStackTrace()).isEqualTo(outer.getStackTrace());
    }

    @Test
    void aCleanCauseIsKeptAsItIs() {
        IOException clean = new IOException("connection reset", new IOException("by peer"));

        assertThat(safe.scrubbed(clean)).isSameAs(clean);
    }
}
