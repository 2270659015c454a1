package org.backprop4j.examples.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playground's web server: the JDK's {@code jdk.httpserver}, bound to 127.0.0.1.
 *
 * <p>Paths: {@code GET /}, {@code /playground.js}, {@code /playground.css} (the page, from the
 * resources folder {@code playground/}); the JSON API {@code POST /api/session} (a new page: a new
 * {@link Session} with the settings in the form-encoded body), {@code POST /api/configure},
 * {@code POST /api/control?action=play|pause|step}, {@code GET /api/state}, {@code GET /api/inspect}
 * and {@code POST /api/close}, each with {@code session=ID}.
 *
 * <p>Safety: a request whose {@code Host} is not this server ({@code 127.0.0.1:port},
 * {@code localhost:port}) or whose {@code Origin} is another site's is refused with 403 (a page
 * elsewhere, or a DNS-rebinding host name, must not drive the local server); bodies over
 * {@value #MAX_BODY} bytes get 413; every parameter is checked ({@link Settings#parse}) and a bad one
 * gets 400 with the reason as {@code {"error": "..."}}. At most {@value #MAX_SESSIONS} pages train at
 * once, one run each; a page that has not asked for anything for {@value #IDLE_SECONDS} s (closed,
 * or gone) has its run stopped, and {@code /api/close}, sent when the page is left, stops it at once.
 */
public final class PlaygroundServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlaygroundServer.class);

    /** The most pages (sessions) training at once. */
    public static final int MAX_SESSIONS = 4;
    /** Seconds without a request after which a page's run is stopped. */
    public static final int IDLE_SECONDS = 20;
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 4096;

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/playground.js", new String[] {"playground.js", "text/javascript; charset=utf-8"},
            "/playground.css", new String[] {"playground.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService sweeper;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final int port;
    private final int idleSeconds;

    private PlaygroundServer(int port, int idleSeconds) throws IOException {
        this.idleSeconds = idleSeconds;
        handlers = Executors.newFixedThreadPool(4, daemon("playground-http"));
        sweeper = Executors.newSingleThreadScheduledExecutor(daemon("playground-sweeper"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        this.port = server.getAddress().getPort();
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     * @throws IOException if the port cannot be bound
     */
    public static PlaygroundServer start(int port) throws IOException {
        return start(port, IDLE_SECONDS);
    }

    /** As {@link #start(int)}, stopping a page's run after {@code idleSeconds} without a request. */
    static PlaygroundServer start(int port, int idleSeconds) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 (a free one) to 65535, got " + port);
        }
        return new PlaygroundServer(port, idleSeconds);
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Stops every run and the server. */
    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
        server.stop(0);
        sweeper.shutdownNow();
        handlers.shutdownNow();
    }

    /** A session by id, for tests; null if there is none. */
    Session session(String id) {
        return sessions.get(id);
    }

    /** How many pages have a run. */
    int sessionCount() {
        return sessions.size();
    }

    private void sweep() {
        sessions.values().removeIf(session -> {
            if (session.idleSeconds() > idleSeconds) {
                log.info("Playground: page {} went away, its run is stopped", session.id().substring(0, 6));
                session.close();
                return true;
            }
            return false;
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String refusal = refusal(exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Origin"),
                    exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"), port);
            if (refusal != null) {
                error(exchange, 403, refusal);
                return;
            }
            String method = exchange.getRequestMethod();
            if (FILES.containsKey(path)) {
                if (!method.equals("GET")) {
                    error(exchange, 405, "Only GET for " + path);
                    return;
                }
                send(exchange, 200, FILES.get(path)[1], resource(FILES.get(path)[0]));
                return;
            }
            if (!path.startsWith("/api/")) {
                error(exchange, 404, "No such page: the playground is at /");
                return;
            }
            boolean post = path.equals("/api/session") || path.equals("/api/configure") || path.equals("/api/control")
                    || path.equals("/api/close");
            if (!method.equals(post ? "POST" : "GET")) {
                error(exchange, 405, path + " takes " + (post ? "POST" : "GET") + ", not " + method);
                return;
            }
            Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
            Map<String, String> body = post ? parameters(body(exchange)) : Map.of();
            sendJson(exchange, 200, api(path, query, body));
        } catch (TooLarge e) {
            error(exchange, 413, e.getMessage());
        } catch (NotFound e) {
            error(exchange, 404, e.getMessage());
        } catch (Busy e) {
            error(exchange, 503, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(exchange, 400, e.getMessage());
        } catch (IllegalStateException e) {
            error(exchange, 409, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Playground: {} failed", exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "The server failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private Object api(String path, Map<String, String> query, Map<String, String> body) {
        if (path.equals("/api/session")) {
            Settings settings = Settings.parse(body);
            if (sessions.size() >= MAX_SESSIONS) {
                throw new Busy("Too many playground pages are open (" + MAX_SESSIONS + "); close one and reload");
            }
            String id = HexFormat.of().formatHex(bytes());
            Session session = new Session(id, settings);
            sessions.put(id, session);
            log.info("Playground: page {} opened ({} open)", id.substring(0, 6), sessions.size());
            return session.dataMap();
        }
        only(query, "session", "action", "since", "layer", "unit", "from", "sample");
        Session session = session(query);
        session.touch();
        switch (path) {
            case "/api/configure":
                return session.configure(Settings.parse(body));
            case "/api/control":
                switch (query.getOrDefault("action", "")) {
                    case "play" -> session.play();
                    case "pause" -> session.pause();
                    case "step" -> session.step();
                    default -> throw new IllegalArgumentException("action must be play, pause or step, got '"
                            + clip(query.get("action")) + "'");
                }
                return session.state();
            case "/api/state":
                Map<String, Object> state = session.state();
                long since = integer(query, "since", -1, Long.MAX_VALUE / 2, -1L);
                if (since >= 0 && state.get("version") instanceof Long version && version == since) {
                    Map<String, Object> unchanged = new LinkedHashMap<>();
                    unchanged.put("version", version);
                    unchanged.put("unchanged", true);
                    return unchanged;
                }
                return state;
            case "/api/inspect":
                return session.inspect((int) integer(query, "layer", 0, 100, null),
                        (int) integer(query, "unit", 0, 100, null), (int) integer(query, "from", -1, 100, -1L),
                        (int) integer(query, "sample", 0, Settings.MAX_SAMPLES, null));
            case "/api/close":
                sessions.remove(session.id());
                session.close();
                log.info("Playground: page {} closed ({} open)", session.id().substring(0, 6), sessions.size());
                return Map.of("closed", true);
            default:
                throw new NotFound("No API " + path);
        }
    }

    private byte[] bytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private Session session(Map<String, String> query) {
        String id = query.get("session");
        Session session = id == null || !id.matches("[0-9a-f]{32}") ? null : sessions.get(id);
        if (session == null) {
            throw new NotFound("No such session: this page's run has ended (the page was idle for "
                    + idleSeconds + " s, or the server restarted); reload the page");
        }
        return session;
    }

    /**
     * Why a request is refused, or null. {@code host} must name this server: 127.0.0.1 or localhost
     * with its port (a page that rebinds its own host name to 127.0.0.1 still sends its own name).
     * {@code origin}, which browsers send with every request a page's script makes, must be this server's
     * when present, and {@code Sec-Fetch-Site} must not say cross-site.
     */
    static String refusal(String host, String origin, String fetchSite, int port) {
        if (host == null || !local(host, port)) {
            return "Refused: the Host header '" + clip(String.valueOf(host)) + "' is not this server; open "
                    + "http://127.0.0.1:" + port + "/";
        }
        if (origin != null && !(origin.startsWith("http://") && local(origin.substring(7), port))) {
            return "Refused: a page from " + clip(origin) + " may not use the playground's local server";
        }
        if ("cross-site".equals(fetchSite)) {
            return "Refused: a request from another site may not use the playground's local server";
        }
        return null;
    }

    private static boolean local(String hostAndPort, int port) {
        return hostAndPort.equals("127.0.0.1:" + port) || hostAndPort.equals("localhost:" + port);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new TooLarge("The request body is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code a=1&b=2}, URL-decoded; a repeated or empty name is refused. */
    static Map<String, String> parameters(String encoded) {
        Map<String, String> map = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return map;
        }
        if (encoded.length() > MAX_BODY) {
            throw new TooLarge("The query is longer than " + MAX_BODY + " characters");
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.isEmpty() || map.put(name, value) != null) {
                throw new IllegalArgumentException("Parameter '" + clip(name) + "' is empty or given twice");
            }
        }
        return map;
    }

    private static void only(Map<String, String> query, String... names) {
        for (String key : query.keySet()) {
            if (!java.util.Arrays.asList(names).contains(key)) {
                throw new IllegalArgumentException("Unknown parameter '" + clip(key) + "'");
            }
        }
    }

    private static long integer(Map<String, String> query, String name, long min, long max, Long fallback) {
        String text = query.get(name);
        if (text == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("Parameter '" + name + "' is missing");
            }
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + clip(text) + "'");
        }
    }

    private static String clip(String value) {
        String clean = value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PlaygroundServer.class.getResourceAsStream("/playground/" + name)) {
            if (in == null) {
                throw new IOException("The playground's file " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(value));
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Map.of("error", message == null ? "error" : message));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A request body or query over the limit: 413. */
    private static final class TooLarge extends IllegalArgumentException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** An unknown session or path: 404. */
    private static final class NotFound extends IllegalArgumentException {
        NotFound(String message) {
            super(message);
        }
    }

    /** Too many pages: 503. */
    private static final class Busy extends IllegalStateException {
        Busy(String message) {
            super(message);
        }
    }
}
