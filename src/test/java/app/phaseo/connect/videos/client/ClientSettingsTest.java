package app.phaseo.connect.videos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {

    private static final Password KEY = new Password(TestSupport.FAKE_KEY);

    private static ClientSettings.Builder builder(String url) {
        return ClientSettings.builder(HttpUrl.get(url), KEY);
    }

    @Test
    void httpsNeedsNoOptIn() {
        ClientSettings settings = builder("https://api.phaseo.app/v1").build();

        assertThat(settings.baseUrl().toString()).isEqualTo("https://api.phaseo.app/v1");
        assertThat(settings.connectTimeout()).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.maxResponseBytes()).isEqualTo(ClientSettings.DEFAULT_MAX_RESPONSE_BYTES);
        assertThat(settings.allowInsecureLoopback()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.phaseo.app/v1", "http://10.0.0.5:8080/v1", "http://localhost.example.com/v1",
            "http://128.0.0.1/v1", "http://[::2]/v1", "http://127.0.0.1.nip.io/v1"})
    void plainHttpToAHostThatIsNotLoopbackIsRefusedEvenWithTheOptIn(String url) {
        assertThatThrownBy(() -> builder(url).allowInsecureLoopback(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phaseo.api.url")
                .hasMessageContaining("must use https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/v1", "http://127.0.0.1/v1", "http://127.255.0.9:1/v1", "http://[::1]:9/v1"})
    void plainHttpToLoopbackNeedsTheOptIn(String url) {
        assertThatThrownBy(() -> builder(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phaseo.api.url")
                .hasMessageContaining("loopback");

        assertThat(builder(url).allowInsecureLoopback(true).build().baseUrl()).isEqualTo(HttpUrl.get(url));
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> builder("https://user:s3cr3t-pass@api.phaseo.app/v1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phaseo.api.url")
                .hasMessageContaining("phaseo.api.key")
                .hasMessageNotContaining("s3cr3t-pass");
    }

    @Test
    void aQueryOrFragmentInTheBaseUrlIsRefused() {
        assertThatThrownBy(() -> builder("https://api.phaseo.app/v1?x=1").build())
                .hasMessageContaining("phaseo.api.url");
        assertThatThrownBy(() -> builder("https://api.phaseo.app/v1#frag").build())
                .hasMessageContaining("phaseo.api.url");
    }

    @Test
    void parseBaseUrlNamesTheConfigKeyWithoutEchoingTheValue() {
        assertThat(ClientSettings.parseBaseUrl(" https://api.phaseo.app/v1 ").host()).isEqualTo("api.phaseo.app");
        assertThatThrownBy(() -> ClientSettings.parseBaseUrl("ftp://x/" + TestSupport.FAKE_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phaseo.api.url")
                .hasMessageNotContaining(TestSupport.FAKE_KEY);
        assertThatThrownBy(() -> ClientSettings.parseBaseUrl(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingOrBlankKeyNamesTheConfigKey() {
        HttpUrl url = HttpUrl.get("https://api.phaseo.app/v1");
        assertThatThrownBy(() -> ClientSettings.builder(url, null).build()).hasMessageContaining("phaseo.api.key");
        assertThatThrownBy(() -> ClientSettings.builder(url, new Password("  ")).build())
                .hasMessageContaining("phaseo.api.key");
    }

    @Test
    void aKeyWithInnerSpacesOrControlCharactersIsRefusedWithoutBeingEchoed() {
        HttpUrl url = HttpUrl.get("https://api.phaseo.app/v1");
        for (String bad : new String[] {"aistats_v1_sk_fake key", "aistats_v1_sk_fake\nkey", "aistats_v1_sk_fäke"}) {
            assertThatThrownBy(() -> ClientSettings.builder(url, new Password(bad)).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("phaseo.api.key")
                    .hasMessageNotContaining("fake")
                    .hasMessageNotContaining("aistats");
        }
    }

    @Test
    void surroundingWhitespaceIsTrimmedFromTheKey() {
        ClientSettings settings = ClientSettings.builder(HttpUrl.get("https://api.phaseo.app/v1"),
                new Password("  " + TestSupport.FAKE_KEY + "\n")).build();

        assertThat(settings.apiKey().value()).isEqualTo(TestSupport.FAKE_KEY);
    }

    @Test
    void toStringNeverShowsTheKey() {
        ClientSettings settings = builder("https://api.phaseo.app/v1").userAgent("agent/1").build();

        assertThat(settings.toString())
                .doesNotContain(TestSupport.FAKE_KEY)
                .contains("apiKey=[hidden]", "https://api.phaseo.app/v1", "agent/1");
        assertThat(settings.apiKey().toString()).doesNotContain(TestSupport.FAKE_KEY);
    }

    @Test
    void timeoutsAndLimitsMustBePositive() {
        assertThatThrownBy(() -> builder("https://a.b/v1").connectTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder("https://a.b/v1").readTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder("https://a.b/v1").maxResponseBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder("https://a.b/v1").maxResponseBytes(Long.MAX_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder("https://a.b/v1").userAgent("bad\nagent").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopbackIsDecidedOnLiteralsOnly() {
        assertThat(ClientSettings.isLoopbackHost("localhost")).isTrue();
        assertThat(ClientSettings.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(ClientSettings.isLoopbackHost("127.1.2.3")).isTrue();
        assertThat(ClientSettings.isLoopbackHost("::1")).isTrue();
        assertThat(ClientSettings.isLoopbackHost("127.0.0.256")).isFalse();
        assertThat(ClientSettings.isLoopbackHost("localhost.evil.example")).isFalse();
        assertThat(ClientSettings.isLoopbackHost("0.0.0.0")).isFalse();
    }
}
