package dev.eventmart.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain TCP forwarder that {@code scripts/chaos.sh} puts between the services and PostgreSQL: killing this
 * process is a database outage as the services see it (every connection dropped mid-transaction, a commit whose
 * answer never arrives, new connections refused until it is started again), without stopping a server other
 * programs on the machine may use, and without root. One virtual thread per direction of each connection.
 */
final class TcpProxy {

    private TcpProxy() {
    }

    static void run(Options options) throws IOException {
        int listen = options.integer("listen", 15432);
        String[] target = options.required("target").split(":");
        String host = target[0];
        int port = Integer.parseInt(target[1]);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listen), 512);
            Report.log("Forwarding 127.0.0.1:%d to %s:%d", listen, host, port);
            while (true) {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> connect(client, host, port));
            }
        }
    }

    private static void connect(Socket client, String host, int port) {
        try {
            Socket upstream = new Socket(host, port);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Thread.ofVirtual().start(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException e) {
            Report.log("Could not reach %s:%d: %s", host, port, e);
            close(client);
        }
    }

    /** Copies until either side closes, then closes both, so the other direction ends too. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // The connection ended (reset, closed by the other pump): nothing to report, both sides are closed below.
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            Report.log("Closing a proxied socket failed: %s", e);
        }
    }
}
