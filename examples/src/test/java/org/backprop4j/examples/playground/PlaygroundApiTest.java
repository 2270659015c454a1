package org.backprop4j.examples.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The playground's JSON API: validation, foreign origins and hosts, sessions, and Step mode's numbers. */
class PlaygroundApiTest {

    private static PlaygroundServer server;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        server = PlaygroundServer.start(0, 120);
        base = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newSession(String form) throws IOException {
        Http.Response response = Http.post(base, "/api/session", form);
        assertEquals(200, response.status(), response.body());
        return (String) response.json().get("session");
    }

    @Test
    void servesThePageAndItsFilesOnly() throws IOException {
        Http.Response page = Http.get(base, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"playground.js\"></script>"), page.body());
        assertEquals(200, Http.get(base, "/playground.js").status());
        assertEquals(200, Http.get(base, "/playground.css").status());
        assertEquals(404, Http.get(base, "/../pom.xml").status());
        assertEquals(404, Http.get(base, "/index.html").status());
        assertTrue(base.toString().startsWith("http://127.0.0.1:"), base.toString());
    }

    @Test
    void refusesAForeignOriginAndAForeignHost() throws IOException {
        String id = newSession("");
        Http.Response foreign = Http.request(base, "POST", "/api/control?session=" + id + "&action=play", "",
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, foreign.status());
        assertEquals("Refused: a page from https://evil.example may not use the playground's local server",
                foreign.json().get("error"));
        assertEquals(false, server.session(id).playing(), "the refused request changed nothing");

        Http.Response otherPort = Http.request(base, "GET", "/api/state?session=" + id, null,
                Map.of("Origin", "http://127.0.0.1:1"));
        assertEquals(403, otherPort.status(), "another local server's page is foreign too");

        Http.Response rebound = Http.request(base, "GET", "/", null, Map.of("Host", "evil.example:" + base.getPort()));
        assertEquals(403, rebound.status());
        assertTrue(((String) rebound.json().get("error")).startsWith("Refused: the Host header 'evil.example:"),
                rebound.body());

        Http.Response crossSite = Http.request(base, "POST", "/api/session", "", Map.of("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.status());

        assertEquals(200, Http.request(base, "GET", "/api/state?session=" + id, null,
                Map.of("Host", "localhost:" + base.getPort(), "Origin", "http://localhost:" + base.getPort())).status());
        Http.post(base, "/api/close?session=" + id, "");
    }

    @Test
    void refusesBadParametersWithAClearMessage() throws IOException {
        assertError("hidden=8,8,8,8,8,8,8", 400, "At most 6 hidden layers, got 7");
        assertError("hidden=4,9", 400, "A hidden layer has 1 to 8 units, got 9");
        assertError("learningRate=NaN", 400, "learningRate must be a finite number, got NaN");
        assertError("noise=Infinity", 400, "noise must be a finite number, got Infinity");
        assertError("samples=100000", 400, "samples must be between 20 and 1000, got 100000");
        assertError("samples=50.5", 400, "samples must be a whole number, got 50.5");
        assertError("learningRate=0", 400, "learningRate must be above 0, got 0");
        assertError("activation=softplus", 400, "activation must be one of [tanh, sigmoid, relu, linear], got 'softplus'");
        assertError("dataset=mnist", 400, "dataset must be one of [xor, circles, spirals, gaussians], got 'mnist'");
        assertError("batchSize=0", 400, "batchSize must be between 1 and 100, got 0");
        assertError("epochs=5", 400, "Unknown parameter 'epochs'; the parameters are ");
        assertError("seed=1&seed=2", 400, "Parameter 'seed' is empty or given twice");
        assertError("x=" + "1".repeat(PlaygroundServer.MAX_BODY), 413, "The request body is larger than 4096 bytes");
        assertEquals(0, server.sessionCount(), "no refused request opened a session");

        String id = newSession("hidden=3");
        Http.Response configure = Http.post(base, "/api/configure?session=" + id, "hidden=1,2,3,4,5,6,7");
        assertEquals(400, configure.status());
        Http.Response inspect = Http.get(base, "/api/inspect?session=" + id + "&layer=5&unit=0&sample=0");
        assertEquals(400, inspect.status());
        assertEquals("layer must be 0 to 1, got 5", inspect.json().get("error"));
        assertEquals(400, Http.post(base, "/api/control?session=" + id + "&action=jump", "").status());
        assertEquals(405, Http.get(base, "/api/control?session=" + id + "&action=play").status());
        Http.Response unknown = Http.get(base, "/api/state?session=0123456789abcdef0123456789abcdef");
        assertEquals(404, unknown.status());
        assertTrue(((String) unknown.json().get("error")).startsWith("No such session"), unknown.body());
        Http.post(base, "/api/close?session=" + id, "");
    }

    private static void assertError(String form, int status, String message) throws IOException {
        Http.Response response = Http.post(base, "/api/session", form);
        assertEquals(status, response.status(), response.body());
        String error = (String) response.json().get("error");
        assertTrue(error.startsWith(message), error);
    }

    @Test
    void aPageTrainsAndAPageThatGoesAwayHasItsRunStopped() throws Exception {
        try (PlaygroundServer shortLived = PlaygroundServer.start(0, 2)) {
            URI url = shortLived.url();
            Http.Response created = Http.post(url, "/api/session", "hidden=4&seed=3");
            String id = (String) created.json().get("session");
            Session session = shortLived.session(id);
            assertEquals(200, Http.post(url, "/api/control?session=" + id + "&action=play", "").status());
            assertTrue(session.playing());
            int epoch = 0;
            for (int i = 0; i < 100 && epoch == 0; i++) {
                Thread.sleep(100);
                epoch = ((Number) Http.get(url, "/api/state?session=" + id).json().get("epoch")).intValue();
            }
            assertTrue(epoch > 0, "the page's run trains");
            // no request for longer than the idle limit (2 s): the run is stopped and the session gone
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (shortLived.session(id) != null && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertNull(shortLived.session(id), "the idle page's session is closed");
            assertEquals(false, session.playing());
            assertEquals(404, Http.get(url, "/api/state?session=" + id).status());
        }
        String closed = newSession("");
        assertEquals(200, Http.post(base, "/api/close?session=" + closed, "").status());
        assertNull(server.session(closed), "close (the page's pagehide beacon) ends the run at once");
    }

    @Test
    void atMostFourPagesTrainAtOnce() throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < PlaygroundServer.MAX_SESSIONS; i++) {
            ids.add(newSession(""));
        }
        Http.Response fifth = Http.post(base, "/api/session", "");
        assertEquals(503, fifth.status());
        assertTrue(((String) fifth.json().get("error")).startsWith("Too many playground pages are open (4)"));
        for (String id : ids) {
            Http.post(base, "/api/close?session=" + id, "");
        }
    }

    @Test
    void stepModeShowsTheLibrarysNumbers() throws IOException {
        String id = newSession("hidden=3,2&activation=sigmoid&l2=0.01&seed=5");
        Http.post(base, "/api/control?session=" + id + "&action=step", "");
        Session session = server.session(id);
        Sequential model = session.model();
        PlaneData data = Settings.parse(Map.of("hidden", "3,2", "activation", "sigmoid", "l2", "0.01", "seed", "5")).data();
        int sample = 7;
        INDArray x = Nd4j.create(new double[][] {data.x()[sample]});
        INDArray y = Nd4j.create(new double[][] {{data.y()[sample]}});
        List<INDArray> outputs = model.layerOutputs(x);
        List<INDArray> upstream = model.layerGradients(x, y);
        List<INDArray> gradients = model.gradients(x, y);

        Map<String, Double> neuron = values(Http.get(base, "/api/inspect?session=" + id + "&layer=1&unit=1&sample=" + sample));
        double a = outputs.get(1).getDouble(0, 1);
        assertEquals(a, neuron.get("a"), 0);
        assertEquals(upstream.get(1).getDouble(0, 1), neuron.get("dLda"), 0);
        assertEquals(a * (1 - a), neuron.get("local"), 0);
        assertEquals(neuron.get("dLda") * neuron.get("local"), neuron.get("delta"), 0);
        assertEquals(gradients.get(3).getDouble(1), neuron.get("libraryDelta"), 0);
        assertEquals(neuron.get("libraryDelta"), neuron.get("delta"), 1e-15, "the chain rule gives the library's delta");

        Map<String, Double> weight = values(Http.get(base,
                "/api/inspect?session=" + id + "&layer=1&unit=1&from=2&sample=" + sample));
        double w = model.getWeights().get(2).getDouble(2, 1);
        assertEquals(w, weight.get("w"), 0);
        assertEquals(outputs.get(0).getDouble(0, 2), weight.get("input"), 0);
        assertEquals(gradients.get(2).getDouble(2, 1), weight.get("dLdw"), 0);
        assertEquals(weight.get("product") + weight.get("l2term"), weight.get("dLdw"), 1e-15,
                "dL/dw = a_j delta_i + 2 l2 w");
        Map<String, Double> output = values(Http.get(base, "/api/inspect?session=" + id + "&layer=2&unit=0&sample=" + sample));
        double p = outputs.get(2).getDouble(0, 0);
        assertEquals(2 * (p - data.y()[sample]), output.get("dLda"), 1e-15, "dL/dp = 2 (p - y) for a batch of one");

        Http.post(base, "/api/control?session=" + id + "&action=play", "");
        Http.Response whilePlaying = Http.get(base, "/api/inspect?session=" + id + "&layer=0&unit=0&sample=0");
        assertEquals(409, whilePlaying.status());
        assertTrue(((String) whilePlaying.json().get("error")).startsWith("Pause first"));
        Http.post(base, "/api/close?session=" + id, "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> values(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        Map<String, Double> values = new java.util.HashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) response.json().get("rows")) {
            values.put((String) row.get("key"), ((Number) row.get("value")).doubleValue());
        }
        return values;
    }
}
