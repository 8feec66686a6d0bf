package dev.sidescope.topology.classify;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.init;
import static dev.sidescope.testing.Containers.nativeSidecar;
import static dev.sidescope.testing.FixtureRoles.APPMESH_FIRELENS;
import static dev.sidescope.testing.FixtureRoles.BOTOCORE;
import static dev.sidescope.testing.FixtureRoles.CRASHLOOP;
import static dev.sidescope.testing.FixtureRoles.CWAGENT;
import static dev.sidescope.testing.FixtureRoles.DESCRIBE_TASKDEF;
import static dev.sidescope.testing.FixtureRoles.FIRELENS_CUSTOM;
import static dev.sidescope.testing.FixtureRoles.FIRELENS_CWLOGS;
import static dev.sidescope.testing.FixtureRoles.FIRELENS_HEALTH;
import static dev.sidescope.testing.FixtureRoles.IMAGEPULL;
import static dev.sidescope.testing.FixtureRoles.INIT_STATUS;
import static dev.sidescope.testing.FixtureRoles.ISTIO_DEPLOYMENT;
import static dev.sidescope.testing.FixtureRoles.ISTIO_NATIVE;
import static dev.sidescope.testing.FixtureRoles.LINKERD;
import static dev.sidescope.testing.FixtureRoles.LINKERD_NATIVE;
import static dev.sidescope.testing.FixtureRoles.NATIVE_STATUS;
import static dev.sidescope.testing.FixtureRoles.NOT_READY;
import static dev.sidescope.testing.FixtureRoles.TASKS_EC2;
import static dev.sidescope.testing.FixtureRoles.TASKS_FARGATE;
import static dev.sidescope.testing.FixtureRoles.XRAY_FARGATE;
import static dev.sidescope.testing.Roles.describe;
import static dev.sidescope.testing.WorkloadBuilder.pod;
import static dev.sidescope.testing.WorkloadBuilder.taskDefinition;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.FixtureRoles;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ProxyConfig;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container of the real manifests in {@code fixtures/kubernetes} and {@code fixtures/ecs},
 * with the role and kind a person reading the manifest would give it. The workloads are written by
 * hand from the files — what the manifest reader will produce; the table ({@link FixtureRoles}) is
 * also the expectation of the end-to-end fixture test in app.
 */
class FixtureClassificationTest {

  private static final String ISTIO_IMAGE = "registry.istio.io/testing/proxyv2:latest";
  private static final String HELLO_IMAGE = "fake.docker.io/google-samples/hello-go-gke:1.0";
  private static final String LINKERD_IMAGE = "cr.l5d.io/linkerd/proxy:test-inject-proxy-version";
  private static final String ISTIO_STATUS =
      "{\"initContainers\":[\"istio-init\",\"istio-proxy\"],\"containers\":null,"
          + "\"volumes\":[\"workload-socket\",\"credential-socket\",\"workload-certs\","
          + "\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\","
          + "\"istio-ca-crl\"],\"imagePullSecrets\":null,\"revision\":\"default\"}";
  private static final Map<String, String> ISTIO_ANNOTATIONS =
      Map.of(
          "istio.io/rev", "default",
          "kubectl.kubernetes.io/default-container", "hello",
          "kubectl.kubernetes.io/default-logs-container", "hello",
          "prometheus.io/path", "/stats/prometheus",
          "prometheus.io/port", "15020",
          "prometheus.io/scrape", "true",
          "sidecar.istio.io/status", ISTIO_STATUS);
  private static final Map<String, String> LINKERD_ANNOTATIONS =
      Map.of(
          "linkerd.io/created-by", "linkerd/cli dev-undefined",
          "linkerd.io/proxy-version", "test-inject-proxy-version",
          "linkerd.io/trust-root-sha256",
              "8dc603abd4e755c25c94da05abbf29b9b283a784733651020d72f97ca8ab98e4");
  private static final List<String> ISTIO_INIT_ARGS =
      List.of(
          "istio-iptables",
          "-p",
          "15001",
          "-z",
          "15006",
          "-u",
          "1337",
          "-m",
          "REDIRECT",
          "-i",
          "*",
          "-x",
          "",
          "-b",
          "*",
          "-d",
          "15090,15021,15020",
          "--log_output_level=default:info");
  private static final List<String> ISTIO_PROXY_ARGS =
      List.of(
          "proxy",
          "sidecar",
          "--domain",
          "$(POD_NAMESPACE).svc.cluster.local",
          "--proxyLogLevel=warning",
          "--proxyComponentLogLevel=misc:error",
          "--log_output_level=default:info");

  /** Each fixture's workloads as the manifest reader will give them, by fixture path. */
  private static final Map<String, List<WorkloadSpec>> FIXTURES =
      Map.ofEntries(
          entry(
              ISTIO_DEPLOYMENT,
              List.of(
                  pod("hello")
                      .annotations(ISTIO_ANNOTATIONS)
                      .containers(
                          istioInit(),
                          istioProxy().env("ISTIO_META_APP_CONTAINERS", "hello"),
                          hello())
                      .spec())),
          entry(
              ISTIO_NATIVE,
              List.of(
                  pod("hello")
                      .annotations(ISTIO_ANNOTATIONS)
                      .containers(
                          istioInit(),
                          istioProxy(),
                          nativeSidecar("other-sidecar", HELLO_IMAGE)
                              .port(new Port(80, "TCP", Optional.of("http"))),
                          hello())
                      .spec())),
          entry(
              LINKERD,
              List.of(
                  pod("vote-bot")
                      .annotations(LINKERD_ANNOTATIONS)
                      .containers(
                          init("linkerd-init", LINKERD_IMAGE)
                              .command(
                                  List.of(
                                      "/usr/lib/linkerd/linkerd2-proxy-init",
                                      "--incoming-proxy-port",
                                      "4143",
                                      "--outgoing-proxy-port",
                                      "4140")),
                          linkerdProxy(),
                          voteBot())
                      .spec())),
          entry(
              LINKERD_NATIVE,
              List.of(
                  pod("vote-bot")
                      .annotations(LINKERD_ANNOTATIONS)
                      .containers(
                          init("linkerd-init", "cr.l5d.io/linkerd/proxy-init:v2.3.0")
                              .command(List.of("--incoming-proxy-port", "4143")),
                          linkerdProxy(),
                          voteBot())
                      .spec())),
          entry(
              CRASHLOOP,
              List.of(
                  pod("my-pod")
                      .containers(
                          container("main", "alpine:latest").command(List.of("sh", "-c", "exit 1")))
                      .spec())),
          entry(
              IMAGEPULL,
              List.of(
                  pod("guestbook-ui-errimagepullbackoff-66cfffb669-45w2j")
                      .containers(
                          container(
                              "errimagepullbackoff", "gcr.io/heptio-images/ks-guestbook-demo:0.3"))
                      .spec())),
          entry(
              INIT_STATUS,
              List.of(
                  pod("nginx")
                      .containers(
                          init("ic1", "nginx:alpine").port(Port.tcp(80)),
                          container("nginx", "nginx:alpine").port(Port.tcp(80)))
                      .spec())),
          entry(
              NATIVE_STATUS,
              List.of(
                  pod("sleep")
                      .containers(
                          init("init", "istio/base").command(List.of("/bin/sleep", "1")),
                          nativeSidecar("sidecar", "istio/base")
                              .command(List.of("/bin/sleep", "60")),
                          container("sleep", "istio/base").command(List.of("/bin/sleep", "60")))
                      .spec())),
          entry(
              NOT_READY,
              List.of(
                  pod("never-ready")
                      .containers(
                          container("main", "alpine:latest")
                              .command(List.of("sh", "-c", "sleep 9999")))
                      .spec())),
          entry(
              APPMESH_FIRELENS,
              List.of(
                  taskDefinition("appmesh-firelens-colorteller-black")
                      .proxy(
                          new ProxyConfig(
                              "APPMESH",
                              "envoy",
                              Map.of(
                                  "IgnoredUID", "1337",
                                  "ProxyIngressPort", "15000",
                                  "ProxyEgressPort", "15001",
                                  "AppPorts", "9080",
                                  "EgressIgnoredIPs", "169.254.170.2,169.254.169.254")))
                      .containers(
                          container(
                                  "log_router",
                                  "012345678910.dkr.ecr.us-east-1.amazonaws.com/"
                                      + "aws-for-fluent-bit-custom-envoy:latest")
                              .essential(true)
                              .firelens(
                                  new LogConfig(
                                      "fluentbit",
                                      Map.of(
                                          "enable-ecs-log-metadata", "true",
                                          "config-file-type", "file",
                                          "config-file-value",
                                              "/fluent-bit/conf/parse_envoy.conf")))
                              .logConfig(awslogs()),
                          container(
                                  "app",
                                  "012345678910.dkr.ecr.us-east-1.amazonaws.com/colorteller:latest")
                              .essential(true)
                              .port(new Port(9080, "tcp", Optional.empty()))
                              .env("COLOR", "black")
                              .env("SERVER_PORT", "9080")
                              .dependsOn(new Dependency("envoy", "HEALTHY")),
                          container(
                                  "envoy",
                                  "840364872350.dkr.ecr.us-east-1.amazonaws.com/"
                                      + "aws-appmesh-envoy:v1.12.2.1-prod")
                              .essential(true)
                              .port(new Port(9901, "tcp", Optional.empty()))
                              .port(new Port(15000, "tcp", Optional.empty()))
                              .port(new Port(15001, "tcp", Optional.empty()))
                              .env(
                                  "APPMESH_VIRTUAL_NODE_NAME",
                                  "mesh/color-mesh/virtualNode/colorteller-black-appmesh-demo")
                              .env("ENVOY_LOG_LEVEL", "info")
                              .logConfig(
                                  new LogConfig("awsfirelens", Map.of("Name", "cloudwatch"))))
                      .spec())),
          entry(
              CWAGENT,
              List.of(
                  taskDefinition("ecs-cwagent-sidecar-fargate")
                      .containers(
                          container("demo-app", "alpine/socat:latest")
                              .command(
                                  List.of(
                                      "/bin/sh",
                                      "-c",
                                      "while true; do echo 'statsdTestMetric:1|c' | socat -v -t 0 -"
                                          + " UDP:127.0.0.1:8125; sleep 1; done"))
                              .logConfig(awslogs()),
                          container(
                                  "cloudwatch-agent",
                                  "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300066.1b1374")
                              .env(
                                  EnvVar.reference(
                                      "CW_CONFIG_CONTENT", "ecs-cwagent-sidecar-fargate"))
                              .logConfig(awslogs()))
                      .spec())),
          entry(FIRELENS_CWLOGS, List.of(fireLensWithNginx("firelens-example-cloudwatch_logs"))),
          entry(FIRELENS_HEALTH, List.of(fireLensWithNginx("firelens-example-cloudwatch"))),
          entry(
              FIRELENS_CUSTOM,
              List.of(
                  taskDefinition("fluentbit-metrics-to-cw-firelens-example")
                      .containers(
                          container(
                                  "log_router",
                                  "144718711470.dkr.ecr.us-west-2.amazonaws.com/fb_metrics_cw:latest")
                              .essential(true)
                              .firelens(
                                  new LogConfig(
                                      "fluentbit",
                                      Map.of(
                                          "config-file-type", "file",
                                          "config-file-value",
                                              "/fluent-bit/configs/plugin-metrics-to-cloudwatch.conf")))
                              .env("FLB_LOG_LEVEL", "info")
                              .env(
                                  "FLUENT_BIT_METRICS_LOG_GROUP",
                                  "fluent-bit-metrics-firelens-example-parsed")
                              .env("FLUENT_BIT_METRICS_LOG_REGION", "us-west-2")
                              .logConfig(awslogs()),
                          container(
                                  "app",
                                  "144718711470.dkr.ecr.us-west-2.amazonaws.com/perf-logger-1000")
                              .essential(true)
                              .logConfig(
                                  new LogConfig("awsfirelens", Map.of("Name", "cloudwatch"))))
                      .spec())),
          entry(
              XRAY_FARGATE,
              List.of(
                  taskDefinition("service-a")
                      .containers(
                          container("service-a", "<repository_uri_service_a>")
                              .essential(true)
                              .port(new Port(8080, "tcp", Optional.empty()))
                              .env("AWS_XRAY_DAEMON_ADDRESS", "")
                              .env("API_CNAME", "<service_b_endpoint_url>")
                              .logConfig(awslogs()),
                          container("xray-sidecar", "<repository_uri_xray_daemon>")
                              .essential(true)
                              .port(new Port(2000, "udp", Optional.empty()))
                              .logConfig(awslogs()))
                      .spec())),
          entry(DESCRIBE_TASKDEF, List.of(wordpressAndMysql())),
          entry(
              BOTOCORE,
              List.of(
                  wordpressAndMysql(),
                  taskDefinition("sleep360")
                      .containers(
                          container("sleep", "busybox")
                              .essential(true)
                              .command(List.of("sleep", "360")))
                      .spec())),
          entry(
              TASKS_EC2,
              List.of(
                  taskDefinition("console-sample-app-static2")
                      .containers(container("simple-app", "httpd:2.4"))
                      .spec())),
          entry(
              TASKS_FARGATE,
              List.of(taskDefinition("webserver").containers(container("web", "nginx")).spec())));

  /** The init container, proxy and app of both Istio fixtures. */
  private static ContainerSpec.Builder istioInit() {
    return init("istio-init", ISTIO_IMAGE).command(ISTIO_INIT_ARGS);
  }

  private static ContainerSpec.Builder istioProxy() {
    return nativeSidecar("istio-proxy", ISTIO_IMAGE)
        .command(ISTIO_PROXY_ARGS)
        .port(new Port(15090, "TCP", Optional.of("http-envoy-prom")));
  }

  private static ContainerSpec.Builder hello() {
    return container("hello", HELLO_IMAGE).port(new Port(80, "TCP", Optional.of("http")));
  }

  /** The proxy and app of both Linkerd fixtures, which differ in their init container only. */
  private static ContainerSpec.Builder linkerdProxy() {
    return nativeSidecar("linkerd-proxy", LINKERD_IMAGE)
        .port(new Port(4143, "TCP", Optional.of("linkerd-proxy")))
        .port(new Port(4191, "TCP", Optional.of("linkerd-admin")));
  }

  private static ContainerSpec.Builder voteBot() {
    return container("vote-bot", "buoyantio/emojivoto-web:v10")
        .command(List.of("emojivoto-vote-bot"))
        .env("WEB_HOST", "web-svc.emojivoto:80");
  }

  private static LogConfig awslogs() {
    return new LogConfig("awslogs", Map.of("awslogs-region", "us-east-1"));
  }

  private static WorkloadSpec fireLensWithNginx(String family) {
    return taskDefinition(family)
        .containers(
            container(
                    "log_router",
                    "906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:stable")
                .essential(true)
                .firelens(new LogConfig("fluentbit", Map.of()))
                .logConfig(awslogs()),
            container("app", "nginx")
                .essential(true)
                .logConfig(new LogConfig("awsfirelens", Map.of("Name", "cloudwatch"))))
        .spec();
  }

  private static WorkloadSpec wordpressAndMysql() {
    return taskDefinition("hello_world")
        .containers(
            container("wordpress", "wordpress").essential(true).port(Port.tcp(80)),
            container("mysql", "mysql").essential(true).env("MYSQL_ROOT_PASSWORD", "password"))
        .spec();
  }

  static Stream<Arguments> containers() {
    return FixtureRoles.containers();
  }

  private final SidecarClassifier classifier = new SidecarClassifier();

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("containers")
  void fixtureContainerGetsTheRoleAPersonWouldGiveIt(
      String fixture, String container, String expected) {
    WorkloadSpec workload =
        FIXTURES.get(fixture).stream()
            .filter(w -> w.containers().stream().anyMatch(c -> c.name().equals(container)))
            .findFirst()
            .orElseThrow();

    assertThat(describe(classifier.classify(workload), container)).isEqualTo(expected);
  }

  static Stream<String> fixtures() {
    return FIXTURES.keySet().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void tableHasARowForEveryContainerOfTheFixture(String fixture) {
    List<String> inTable =
        containers().filter(a -> a.get()[0].equals(fixture)).map(a -> (String) a.get()[1]).toList();
    List<String> inWorkloads =
        FIXTURES.get(fixture).stream()
            .flatMap(w -> w.containers().stream())
            .map(ContainerSpec::name)
            .distinct()
            .toList();

    assertThat(inTable).containsExactlyInAnyOrderElementsOf(inWorkloads);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void handWrittenWorkloadNamesWhatTheFixtureFileSays(String fixture) throws IOException {
    String text = read("fixtures/" + fixture);

    for (WorkloadSpec workload : FIXTURES.get(fixture)) {
      for (ContainerSpec spec : workload.containers()) {
        assertThat(text).contains(spec.name()).contains(spec.image());
      }
      workload.annotations().keySet().forEach(key -> assertThat(text).contains(key));
      workload.proxy().ifPresent(p -> assertThat(text).contains(p.containerName(), p.type()));
    }
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        FixtureClassificationTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
