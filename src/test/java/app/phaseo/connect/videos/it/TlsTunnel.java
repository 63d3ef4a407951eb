package app.phaseo.connect.videos.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS in front of the simulator's plain HTTP, for a connector that is not on this machine's
 * loopback (the containers of {@code ContainerStackIT}): the connector only speaks http to a loopback
 * host, so anything else talks to the API over TLS, with the JVM's own certificate checks.
 *
 * <p>The certificate is self-signed for {@code host.testcontainers.internal}, {@code localhost} and
 * {@code 127.0.0.1}, made with the JDK's {@code keytool}; {@link #trustStore()} holds it for the
 * client's JVM ({@code -Djavax.net.ssl.trustStore=...}), as a private CA would be configured.
 * Each connection is a byte pump in both directions to the simulator's port.
 */
final class TlsTunnel implements AutoCloseable {

    static final String PASSWORD = "tunnel-test-only";
    static final String HOST_ALIAS = "host.testcontainers.internal";

    private final Path dir;
    private final ServerSocket server;
    private final int targetPort;
    private final Thread acceptor;
    private volatile boolean closed;

    private TlsTunnel(Path dir, ServerSocket server, int targetPort) {
        this.dir = dir;
        this.server = server;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "tls-tunnel-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** A tunnel on a free port of 127.0.0.1 to {@code 127.0.0.1:targetPort}, its key and trust store in {@code dir}. */
    static TlsTunnel start(Path dir, int targetPort) throws Exception {
        Path keyStoreFile = dir.resolve("server.p12");
        Path trustStoreFile = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "simulator", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + HOST_ALIAS, "-ext", "SAN=dns:" + HOST_ALIAS + ",dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keyStoreFile.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate("simulator");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("simulator", certificate);
        try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
            trust.store(out, PASSWORD.toCharArray());
        }

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TlsTunnel tunnel = new TlsTunnel(dir, server, targetPort);
        tunnel.acceptor.start();
        return tunnel;
    }

    int port() {
        return server.getLocalPort();
    }

    /** A PKCS12 trust store (password {@link #PASSWORD}) holding the tunnel's certificate. */
    Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** The trust store as a {@link TrustManagerFactory}, for a client in this JVM. */
    TrustManagerFactory trustManagers() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore())) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (!closed) {
                    // One failed connection (a client that left during the handshake): keep accepting.
                    continue;
                }
            }
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (from; to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other direction closed the sockets, or a peer went away: the connection is over.
            }
        }, "tls-tunnel-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
