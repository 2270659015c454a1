package org.backprop4j.examples;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.backprop4j.examples.playground.PlaygroundServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The launcher's {@code playground}: starts {@link PlaygroundServer} and serves until Ctrl-C. */
@Command(name = "playground", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A playground in the browser: watch a network learn, click a neuron to see backprop's numbers",
            "Starts a local web server (127.0.0.1 only) and prints its address: pick a 2-D data set (XOR, circles, "
                    + "spirals, Gaussians), the layers, activation, learning rate, batch size, optimizer and L2, "
                    + "press Play, and watch the output and every hidden unit as heat maps; pause and click a neuron "
                    + "or a weight for its value, upstream gradient, local derivative and their product. Ctrl-C stops it."})
final class PlaygroundCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: 0, a free one).")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 (a free one) to 65535, got " + port);
        }
        PlaygroundServer server = PlaygroundServer.start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            launcher.out().println("Playground stopped.");
            launcher.out().flush();
            stopped.countDown();
        }, "playground-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        launcher.out().println("Playground: open " + server.url() + " in your browser (Ctrl-C stops the server)");
        launcher.out().flush();
        stopped.await();
        return 0;
    }
}
