package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part of {@code ContainerStackIT} that needs no Docker: the simulator over HTTPS through the
 * tunnel, trusted through the tunnel's trust store only.
 */
class TlsTunnelTest {

    @Test
    void servesTheSimulatorOverTlsToAClientThatTrustsItsCertificate(@TempDir Path dir) throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).seed(5)
                .workload(Workload.none()).build().start();
             TlsTunnel tunnel = TlsTunnel.start(dir, sim.port())) {
            sim.createJobs(3);
            X509TrustManager trust = (X509TrustManager) tunnel.trustManagers().getTrustManagers()[0];
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            OkHttpClient trusting = new OkHttpClient.Builder().sslSocketFactory(tls.getSocketFactory(), trust).build();
            Request list = new Request.Builder().url("https://localhost:" + tunnel.port() + "/v1/videos?limit=10")
                    .header("Authorization", "Bearer " + sim.apiKey()).build();

            for (int i = 0; i < 3; i++) { // several requests: kept-alive and fresh connections
                try (Response response = trusting.newCall(list).execute()) {
                    assertThat(response.code()).isEqualTo(200);
                    assertThat(response.body().string()).contains("\"data\"").contains(sim.jobIds().iterator().next());
                }
            }
            assertThat(tunnel.trustStore()).isRegularFile();

            // Without the trust store, the JVM's default trust refuses it: TLS checks stay on.
            OkHttpClient defaultTrust = new OkHttpClient();
            assertThatThrownBy(() -> defaultTrust.newCall(list).execute().close()).isInstanceOf(SSLHandshakeException.class);
            trusting.connectionPool().evictAll();
            defaultTrust.connectionPool().evictAll();
        }
    }
}
