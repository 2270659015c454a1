package org.backprop4j.examples.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A bare HTTP/1.1 client on a socket, so tests can send any Host and Origin header (the JDK's
 * HttpClient will not set Host).
 */
public final class Http {

    /**
     * @param status the status code
     * @param body the body as text
     */
    public record Response(int status, String body) {

        /** The body as JSON. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            try {
                return new ObjectMapper().readValue(body, Map.class);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Http() {
    }

    /** {@code method path} on {@code base}'s port, with {@code headers} (Host defaults to base's). */
    public static Response request(URI base, String method, String path, String body, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (!headers.containsKey("Host")) {
                request.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            }
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\n");
            }
            request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Response(status, split < 0 ? "" : response.substring(split + 4)); // the servers send Content-Length
        }
    }

    /** GET with the server's own Host and no Origin, as curl sends. */
    public static Response get(URI base, String path) throws IOException {
        return request(base, "GET", path, null, Map.of());
    }

    /** POST of a form body from the server's own page. */
    public static Response post(URI base, String path, String form) throws IOException {
        return request(base, "POST", path, form, Map.of("Origin", "http://127.0.0.1:" + base.getPort()));
    }
}
