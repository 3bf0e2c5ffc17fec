package io.inferctl.systemtest.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy the suite can cut: one listening port per target, each connection forwarded byte for
 * byte to its target on localhost. {@link #cut()} closes every open connection and from then on
 * blackholes new ones (accepted, read and dropped, never answered, as a partition looks to a client
 * whose packets go nowhere); {@link #heal()} forwards again.
 */
final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final List<ServerSocket> servers = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger blackholed = new AtomicInteger();
    private volatile boolean cut;

    private TcpProxy() {
    }

    /** Listens on each key of {@code listenToTarget} and forwards to the port it maps to. */
    static TcpProxy start(Map<Integer, Integer> listenToTarget) throws IOException {
        TcpProxy proxy = new TcpProxy();
        try {
            for (Map.Entry<Integer, Integer> route : listenToTarget.entrySet()) {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), route.getKey()));
                proxy.servers.add(server);
                proxy.threads.execute(() -> proxy.accept(server, route.getValue()));
            }
        } catch (IOException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** Closes every open connection; new ones are blackholed until {@link #heal()}. */
    void cut() {
        cut = true;
        closeOpen();
    }

    /** New connections are forwarded again (the blackholed ones are closed, so their clients reconnect). */
    void heal() {
        cut = false;
        closeOpen();
    }

    /** Connections forwarded so far. */
    int forwarded() {
        return forwarded.get();
    }

    /** Connections accepted while cut. */
    int blackholed() {
        return blackholed.get();
    }

    private void accept(ServerSocket server, int target) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                if (cut) {
                    blackholed.incrementAndGet();
                    threads.execute(() -> drain(client));
                } else {
                    forwarded.incrementAndGet();
                    connect(client, target);
                }
            } catch (IOException e) {
                // the server was closed, or one connection failed: the next accept decides
            }
        }
    }

    private void connect(Socket client, int target) {
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
        } catch (IOException e) {
            close(client);
            close(upstream);
            return;
        }
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was cut
        } finally {
            close(from);
            close(to);
        }
    }

    /** Reads and drops what a blackholed client sends, answering nothing, until it or the proxy closes. */
    private void drain(Socket client) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // closed by heal() or close()
        } finally {
            close(client);
        }
    }

    private void closeOpen() {
        open.forEach(this::close);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> {
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        });
        closeOpen();
        threads.shutdownNow();
    }
}
