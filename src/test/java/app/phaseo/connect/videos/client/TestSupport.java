package app.phaseo.connect.videos.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.types.Password;

/** Shared bits of the client tests: the fake key, and settings for a local MockWebServer. */
final class TestSupport {

    /** Recognisable, and obviously not a real key: searched for in every output by the secrets test. */
    static final String FAKE_KEY = "aistats_v1_sk_fake_client_key_x";

    private TestSupport() {
    }

    /** Settings for a MockWebServer on loopback, with short timeouts so failing tests fail fast. */
    static ClientSettings.Builder settings(MockWebServer server) {
        return settings(server.url("/v1"));
    }

    static ClientSettings.Builder settings(HttpUrl baseUrl) {
        return ClientSettings.builder(baseUrl, new Password(FAKE_KEY))
                .allowInsecureLoopback(true)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5));
    }

    /** Runs a call that must fail, and returns its exception. */
    static PhaseoApiException failureOf(Runnable call) {
        try {
            call.run();
        } catch (PhaseoApiException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail with a PhaseoApiException");
    }

    /**
     * A MockWebServer whose accepted sockets have Nagle's algorithm off. It writes the headers and
     * the body of an answer separately; with Nagle on, the body then waits for the client's delayed
     * ACK, about 40 ms per exchange, which adds up over a corpus of a thousand answers.
     */
    static MockWebServer fastServer() {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new NoDelayServerSocket();
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                throw new UnsupportedOperationException();
            }
        });
        return server;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse text(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
    }
}
