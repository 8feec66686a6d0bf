package dev.sidescope.samples.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containers' logs written from a simulator driven by hand, one flow that always fails. */
class ContainerLogTest {
  private static final Instant ORIGIN = Instant.parse("2026-11-26T03:00:00Z");
  private static final Map<String, List<String>> PODS =
      Map.of(
          "refunds",
          List.of("payments/refunds-0"),
          "ledger",
          List.of("payments/ledger-0", "payments/ledger-1"));

  private TrafficSimulator simulator;
  private SampleLogs logs;
  private final List<SimulatedRequest> handed = new ArrayList<>();

  @BeforeEach
  void driveAFailingFlow() {
    simulator =
        new TrafficSimulator(
            List.of(
                new TrafficFlow("refunds", "ledger", 20, 30, 60, 110, 1.0),
                new TrafficFlow("checkout", "ledger", 20, 30, 60, 110, 0.0)),
            7,
            ORIGIN);
    logs = SampleLogs.of(simulator, new ReplicaPicker(PODS, Map.of()));
    simulator.addListener(handed::add);
  }

  @Test
  void theCallersEnvoyLogsEveryRequestItSentWithTheSimulatedStatusAndAFailureFlag() {
    simulator.advanceTo(ORIGIN.plusSeconds(20));
    ContainerLog envoy = logs.log(container("refunds", 0, "envoy", LogFormat.ENVOY));

    List<LogLine> lines = envoy.between(ORIGIN, simulator.now());

    List<SimulatedRequest> ended =
        handed.stream()
            .filter(r -> r.from().equals("refunds") && !r.end().isAfter(simulator.now()))
            .toList();
    assertThat(ended).isNotEmpty();
    assertThat(lines).hasSize(ended.size());
    for (SimulatedRequest r : ended) {
      String flags =
          switch (r.status()) {
            case 503 -> "UF,URX";
            case 504 -> "UT";
            default -> "-";
          };
      assertThat(lines)
          .extracting(LogLine::text)
          .anyMatch(
              l ->
                  l.contains("\" " + r.status() + " " + flags + " ")
                      && l.contains(r.requestId())
                      && l.contains("\"ledger:8080\""));
    }
  }

  @Test
  void anAppMeshEnvoyEndsEachAccessLineWithTheRequestsTraceHeader() {
    simulator.advanceTo(ORIGIN.plusSeconds(5));
    ContainerLog envoy = logs.log(container("refunds", 0, "envoy", LogFormat.APPMESH_ENVOY));

    List<String> lines =
        envoy.between(ORIGIN, simulator.now()).stream().map(LogLine::text).toList();

    List<SimulatedRequest> sent =
        handed.stream()
            .filter(r -> r.from().equals("refunds") && !r.end().isAfter(simulator.now()))
            .toList();
    assertThat(lines).hasSize(sent.size()).isNotEmpty();
    for (int i = 0; i < sent.size(); i++) {
      SimulatedRequest r = sent.get(i);
      assertThat(lines)
          .anyMatch(
              l ->
                  l.contains(r.requestId())
                      && l.endsWith(
                          " \"Root="
                              + r.traceId()
                              + ";Parent="
                              + r.clientSpanId()
                              + ";Sampled=1\""));
    }
  }

  @Test
  void theCalleesAppLogsItsFailuresAsErrorsWithTheirTraceIdsAndItsSuccessesAsInfo() {
    simulator.advanceTo(ORIGIN.plusSeconds(20));
    ContainerLog app = logs.log(container("ledger", 1, "ledger", LogFormat.APP_JSON));

    List<String> lines = app.between(ORIGIN, simulator.now()).stream().map(LogLine::text).toList();

    ReplicaPicker picker = new ReplicaPicker(PODS, Map.of());
    List<SimulatedRequest> served =
        handed.stream()
            .filter(r -> picker.callee(r) == 1 && !r.end().isAfter(simulator.now()))
            .toList();
    assertThat(served).extracting(SimulatedRequest::isFault).contains(true, false);
    assertThat(lines).hasSize(served.size());
    for (SimulatedRequest r : served) {
      String level = r.isFault() ? "\"level\":\"ERROR\"" : "\"level\":\"INFO\"";
      assertThat(lines)
          .anyMatch(l -> l.contains(level) && l.contains("\"traceId\":\"" + r.traceId() + "\""));
    }
  }

  @Test
  void readsThatMeetAtASeamGiveEachLineOnceInTheOrderWritten() {
    simulator.advanceTo(ORIGIN.plusSeconds(10));
    ContainerLog envoy = logs.log(container("ledger", 0, "envoy", LogFormat.ENVOY));
    Instant seam = simulator.now();
    List<LogLine> first = envoy.history(seam);
    simulator.advanceTo(ORIGIN.plusSeconds(20));
    List<LogLine> joined = new ArrayList<>(first);
    joined.addAll(envoy.between(seam, simulator.now()));

    assertThat(joined).isEqualTo(envoy.history(simulator.now()));
    assertThat(joined).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(first).isNotEmpty();
  }

  @Test
  void aSidecarsOwnLinesReadTheSameOnEveryReadAndKeepTheirPace() {
    LoggedContainer started = startedAtOrigin("fluent-bit", LogFormat.FLUENT_BIT);
    Instant upTo = ORIGIN.plusSeconds(60);

    List<LogLine> once = logs.log(started).between(ORIGIN.minusSeconds(1), upTo);
    List<LogLine> again = logs.log(started).between(ORIGIN.minusSeconds(1), upTo);

    assertThat(once).isEqualTo(again);
    assertThat(once.get(0).text()).isEqualTo("AWS for Fluent Bit Container Image Version 2.32.2");
    // Start-up, then one line about every five seconds.
    assertThat(once.stream().filter(l -> l.text().contains("events to CloudWatch")).count())
        .isBetween(11L, 12L);
  }

  @Test
  void aRestartedContainersPreviousRunEndsInItsCrash() {
    Instant started = ORIGIN.minusSeconds(120);
    Instant finished = ORIGIN.minusSeconds(119);
    LoggedContainer crashed =
        new LoggedContainer(
            "invoices",
            OptionalInt.empty(),
            "invoices-0",
            "10.0.2.88",
            "fluent-bit",
            LogFormat.FLUENT_BIT,
            8080,
            ORIGIN.minusSeconds(30),
            Optional.of(new LoggedContainer.Run(started, finished)));

    List<LogLine> previous = logs.log(crashed).previousRun().orElseThrow();

    assertThat(previous.get(0).at()).isEqualTo(started);
    assertThat(previous.get(previous.size() - 1).at()).isEqualTo(finished);
    assertThat(previous.get(previous.size() - 1).text()).contains("[error]");
    assertThat(logs.log(container("ledger", 0, "envoy", LogFormat.ENVOY)).previousRun()).isEmpty();
  }

  @Test
  void aNotReadyEnvoyStillLogsTheRequestsItPassesAndWarnsThatItLostItsConfigStream() {
    simulator.advanceTo(ORIGIN.plusSeconds(90));
    LoggedContainer healthy = container("refunds", 0, "envoy", LogFormat.ENVOY);
    ContainerLog notReady = logs.log(notReady(healthy));

    List<LogLine> lines = notReady.between(ORIGIN, simulator.now());

    assertThat(lines)
        .filteredOn(l -> l.text().contains("[warning][config]"))
        .hasSizeBetween(2, 3)
        .allMatch(l -> l.text().contains("gRPC config stream to xds_cluster closed: 14"));
    assertThat(lines)
        .filteredOn(l -> !l.text().contains("[warning][config]"))
        .isEqualTo(logs.log(healthy).between(ORIGIN, simulator.now()));
  }

  @Test
  void aNotReadyLogRouterLogsTheEventsItCouldNotPutInsteadOfThoseItSent() {
    ContainerLog fluentBit =
        logs.log(notReady(container("refunds", 0, "log-router", LogFormat.FLUENT_BIT)));

    List<LogLine> lines = fluentBit.between(ORIGIN, ORIGIN.plusSeconds(60));

    assertThat(lines)
        .hasSizeBetween(11, 12)
        .noneMatch(l -> l.text().contains("events to CloudWatch"))
        .anyMatch(l -> l.text().contains("PutLogEvents API responded with error="))
        .allMatch(
            l ->
                l.text().contains("] [error] [output:cloudwatch_logs:cloudwatch_logs.0] ")
                    || l.text().contains("] [ warn] [engine] failed to flush chunk '"));
  }

  private static LoggedContainer notReady(LoggedContainer c) {
    return new LoggedContainer(
        c.service(),
        c.replica(),
        c.host(),
        c.address(),
        c.container(),
        c.format(),
        c.appPort(),
        c.startedAt(),
        c.previousRun(),
        LoggedContainer.Health.NOT_READY,
        Optional.empty());
  }

  private static LoggedContainer startedAtOrigin(String name, LogFormat format) {
    return new LoggedContainer(
        "refunds",
        OptionalInt.of(0),
        "refunds-0",
        "10.0.1.10",
        name,
        format,
        8080,
        ORIGIN,
        Optional.empty());
  }

  private static LoggedContainer container(
      String service, int replica, String name, LogFormat format) {
    return new LoggedContainer(
        service,
        OptionalInt.of(replica),
        service + "-" + replica,
        "10.0.1." + (10 + replica),
        name,
        format,
        8080,
        ORIGIN.minusSeconds(3600),
        Optional.empty());
  }
}
