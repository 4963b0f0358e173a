package io.streamtune.cli;

import io.streamtune.ui.LiveStudies;
import io.streamtune.ui.UiServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "ui",
    header = "Serve a live web UI of every study on the cluster.",
    description =
        "Serves, until Ctrl-C, a read-only web UI of every study on the cluster: the list of"
            + " studies with their state, progress and best value, and for each study the"
            + " report's views (convergence, learning curves with stop decisions, importance,"
            + " partial dependence, parallel coordinates, evaluations, the trial table), redrawn"
            + " as results and epochs arrive. Each study's report can be downloaded. It reads the"
            + " study topics with no consumer group and commits nothing. It answers on localhost"
            + " only unless --bind says otherwise.")
final class UiCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The port to serve on; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "The address to serve on (default ${DEFAULT-VALUE}: this machine only). 0.0.0.0 serves"
              + " every interface: anyone who can reach it sees every study, with no login.")
  String bind;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    LiveStudies live = new LiveStudies(connection.connection());
    UiServer server = UiServer.start(live, bind, port);
    PrintWriter out = cmd.commandLine().getOut();
    String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
    out.printf(
        "StreamTune UI for %s at http://%s:%d/ (read-only; Ctrl-C stops it)%n",
        connection.connection().bootstrap(),
        host.contains(":") ? "[" + host + "]" : host,
        server.port());
    out.flush();
    ServiceRunner.awaitShutdown(null, ServiceRunner.start("ui", live, live), server);
    return 0;
  }
}
