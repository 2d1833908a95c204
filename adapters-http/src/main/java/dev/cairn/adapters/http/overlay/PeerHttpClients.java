package dev.cairn.adapters.http.overlay;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client for node-to-node calls (overlay messages, blob transfer): HTTP/1.1 and HTTP/2, no redirects (a
 * peer's answer comes from the peer), requests on virtual threads, and TLS verification unless turned off.
 */
public final class PeerHttpClients {
    private PeerHttpClients() {}

    /**
     * @param connectTimeout how long to wait for a TCP (and TLS) connection to a peer
     * @param verifyTls false only for test networks of self-signed nodes: then any certificate for any host is
     *     accepted, which makes the connection readable by anyone on the path
     */
    public static HttpClient create(Duration connectTimeout, boolean verifyTls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (!verifyTls) {
            builder.sslContext(trustingEveryone());
        }
        return builder.build();
    }

    /**
     * The TLS context of {@code PEER_TLS_VERIFY=false}, for every peer-facing client of this module: any certificate
     * for any host name.
     */
    public static SSLContext trustingEveryone() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every chain. Extending {@link X509ExtendedTrustManager} (not the plain interface) matters: the JDK then
     * leaves host name checking to this class, which skips it, instead of adding its own.
     */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
