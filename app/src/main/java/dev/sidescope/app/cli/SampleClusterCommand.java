package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.MalformedSampleException;
import dev.sidescope.samples.generate.ClusterGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope sample-cluster serve}: a sample cluster served headless on loopback through the
 * real protocols, until Ctrl-C or SIGTERM. The work is in {@link SampleClusterServer}; this class
 * reads the options, turns bad input into one sentence, and waits.
 */
@Command(
    name = "sample-cluster",
    mixinStandardHelpOptions = true,
    description = "Serves sample clusters through the real protocols.",
    subcommands = {SampleClusterCommand.Serve.class})
public final class SampleClusterCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UserError(
        "say what to do: sidescope sample-cluster serve (--name NAME | --dir DIR | --generate SPEC).");
  }

  /** {@code serve}: start the sample's endpoints, write the files asked for, say ready, wait. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serves a sample cluster on 127.0.0.1 until stopped (Ctrl-C or SIGTERM).",
        "kubectl and sidescope read its Kubernetes API like any cluster's. It prints one line,"
            + " 'ready', once it answers (and once the --write-env file exists). Stopping removes"
            + " only the files it made for itself."
      })
  static final class Serve implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Which sample: exactly one of these. */
    static final class Source {
      @Option(
          names = "--name",
          paramLabel = "NAME",
          description = "A built-in sample: ${COMPLETION-CANDIDATES}.",
          completionCandidates = DemoCommand.SampleNames.class)
      String name;

      @Option(
          names = "--dir",
          paramLabel = "DIR",
          description = "A folder in the sample-cluster format (docs/sample-clusters.md).")
      Path dir;

      @Option(
          names = "--generate",
          paramLabel = "SPEC",
          description = "A generated cluster: pods=N[,namespaces=M][,seed=S].")
      String generate;
    }

    @Option(
        names = "--port",
        paramLabel = "P",
        defaultValue = "0",
        description = "The Kubernetes API's port on 127.0.0.1 (default 0: any free port).")
    int port;

    @Option(
        names = "--write-kubeconfig",
        paramLabel = "F",
        description = "Write a kubeconfig for the sample here (a context named after it).")
    Path kubeconfig;

    @Option(
        names = "--write-env",
        paramLabel = "F",
        description =
            "Once every endpoint answers, write 'export NAME=value' lines here (source it to point"
                + " kubectl and sidescope at the sample).")
    Path env;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (port < 0 || port > 65_535) {
        throw new UserError("--port takes 0 (any free port) to 65535, not " + port + ".");
      }
      SampleClusterServer server = new SampleClusterServer();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.stop();
                    stopped.countDown();
                  },
                  "sample-cluster-stop"));
      String what;
      URI url;
      try {
        if (source.name != null) {
          what = "the built-in sample '" + source.name + "'";
          url = server.start(builtIn(source.name), port);
        } else if (source.dir != null) {
          what = "the sample in " + source.dir;
          url = server.start(source.dir, port);
        } else {
          what = "a generated cluster (" + source.generate + ")";
          url = server.start(generated(source.generate), port);
        }
        server.warnings().forEach(w -> err.println("sidescope: " + w));
        if (kubeconfig != null) {
          server.writeKubeconfig(kubeconfig);
        }
        if (env != null) {
          server.writeEnv(env);
        }
      } catch (MalformedSampleException e) {
        server.stop();
        throw new UserError(e.getMessage(), e);
      } catch (IOException e) {
        server.stop();
        throw new UserError("the sample cluster could not be served: " + e.getMessage() + ".", e);
      }
      err.println("sidescope: serving " + what + " at " + url + "; Ctrl-C stops it.");
      out.println("ready");
      out.flush();
      stopped.await();
      return 0;
    }

    /** The folder of the built-in sample {@code name}, or one sentence naming those there are. */
    static Path builtIn(String name) {
      try {
        return BuiltInSamples.folder(name)
            .orElseThrow(
                () ->
                    new UserError(
                        "there is no built-in sample called '"
                            + name
                            + "'; try one of: "
                            + String.join(", ", BuiltInSamples.names())
                            + "."));
      } catch (IOException e) {
        throw new UserError(e.getMessage() + ".", e);
      }
    }

    private static ClusterGenerator.Spec generated(String text) {
      try {
        return ClusterGenerator.Spec.parse(text);
      } catch (IllegalArgumentException e) {
        throw new UserError("--generate " + text + ": " + e.getMessage() + ".", e);
      }
    }
  }
}
