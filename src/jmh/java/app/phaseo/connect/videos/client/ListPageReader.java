package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import okhttp3.HttpUrl;

/**
 * Reads a list body exactly as {@link PhaseoClient} does once the bytes have arrived: the same
 * mapper settings and the same {@link SuccessBodies#listPage} checks. For the conversion benchmark.
 */
public final class ListPageReader {

    private static final HttpUrl URL = HttpUrl.get("http://127.0.0.1/v1/videos?limit=100");

    private final SuccessBodies bodies;

    public ListPageReader() {
        ObjectMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.bodies = new SuccessBodies(json, new SafeText("aistats_v1_sk_fake_bench_key"));
    }

    public VideoPage read(byte[] body) {
        return bodies.listPage(200, body, "application/json", URL);
    }
}
