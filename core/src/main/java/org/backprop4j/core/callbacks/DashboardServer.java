package org.backprop4j.core.callbacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local web server of {@link LiveDashboard}, on the JDK's {@code jdk.httpserver}: bound to
 * 127.0.0.1 only, read-only (GET and HEAD), four paths ({@code /}, {@code /dashboard.js},
 * {@code /dashboard.css}, {@code /data}). A request is refused with 403 when its {@code Host} is not this server's
 * ({@code 127.0.0.1:port} or {@code localhost:port}: a DNS-rebinding page names its own host) or
 * when it carries an {@code Origin} other than this server's (a page elsewhere must not read the
 * numbers). Its threads are daemon threads: the server never keeps the JVM alive.
 */
final class DashboardServer {

    /** The page's resources, by request path: class-path resource and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"dashboard.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     * @param data the JSON {@code /data} answers with, made on the server's thread
     * @throws UncheckedIOException if the port cannot be bound
     */
    DashboardServer(int port, Supplier<String> data) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A port is 0 (any free one) to 65535, got " + port);
        }
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backprop4j-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<HttpServer> started = new AtomicReference<>();
        AtomicReference<IOException> failure = new AtomicReference<>();
        // HttpServer's dispatcher thread inherits daemon status from the thread that starts it
        Thread starter = new Thread(() -> {
            try {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
                http.createContext("/", exchange -> handle(exchange, data));
                http.setExecutor(executor);
                http.start();
                started.set(http);
            } catch (IOException e) {
                failure.set(e);
            }
        }, "backprop4j-dashboard-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started.get() == null) {
            executor.shutdownNow();
            IOException cause = failure.get() != null ? failure.get() : new IOException("interrupted while starting");
            throw new UncheckedIOException("LiveDashboard could not listen on 127.0.0.1:" + port + ": "
                    + cause.getMessage(), cause);
        }
        server = started.get();
        this.port = server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port/}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, Supplier<String> data) throws IOException {
        try (exchange) {
            String refusal = refusal(exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Origin"), port);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (refusal != null) {
                send(exchange, 403, "text/plain; charset=utf-8", refusal);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "The dashboard is read-only: GET or HEAD, not " + method);
            } else if (path.equals("/data")) {
                send(exchange, 200, "application/json", data.get());
            } else if (FILES.containsKey(path)) {
                send(exchange, 200, FILES.get(path)[1], resource(FILES.get(path)[0]));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "No such page: the dashboard is at /");
            }
        }
    }

    /**
     * Why a request is refused, or null: {@code host} must name this server (127.0.0.1, localhost
     * or [::1] with its port) and {@code origin}, when given, must be this server's.
     */
    static String refusal(String host, String origin, int port) {
        if (host == null || !isLocal(host, port)) {
            return "Refused: the Host header '" + host + "' is not this server (127.0.0.1:" + port
                    + "); open the dashboard at http://127.0.0.1:" + port + "/";
        }
        if (origin != null && !(origin.startsWith("http://") && isLocal(origin.substring("http://".length()), port))) {
            return "Refused: a page from " + origin + " may not use this local server";
        }
        return null;
    }

    private static boolean isLocal(String hostAndPort, int port) {
        String suffix = ":" + port;
        return hostAndPort.equals("127.0.0.1" + suffix) || hostAndPort.equals("localhost" + suffix)
                || hostAndPort.equals("[::1]" + suffix);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the dashboard's resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
