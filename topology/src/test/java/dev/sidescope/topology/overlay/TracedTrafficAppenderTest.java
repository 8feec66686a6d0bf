package dev.sidescope.topology.overlay;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.ServiceBuilder;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.edges.Sinks;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SortedLists;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TracedTrafficAppenderTest {
  private static final String PAYMENT = ServiceBuilder.service("payment-service").id();
  private static final String ORDERS = ServiceBuilder.service("order-service").id();

  /** 600 calls over a minute: 10 rps, 6 failed, percentiles from the bars. */
  static final CallStats STATS =
      CallStats.fromHistogram(
          590,
          4,
          2,
          1,
          600 * 35.0,
          Duration.ofMinutes(1),
          List.of(
              new ResponseTimeBucket(20, 300),
              new ResponseTimeBucket(40, 240),
              new ResponseTimeBucket(120, 54),
              new ResponseTimeBucket(400, 6)));

  private final TracedTrafficAppender appender = new TracedTrafficAppender();

  // ---- matching names

  static Stream<Arguments> namingRules() {
    return Stream.of(
        Arguments.of(
            "the Deployment's name",
            WorkloadBuilder.pod("checkout-6f9-abcde")
                .owner("Deployment/checkout")
                .app("web", "shop/web:1"),
            "checkout"),
        Arguments.of(
            "the ECS service that owns the task",
            WorkloadBuilder.task("0f1e2d3c").owner("Service/ledger").app("ledger", "ledger:3"),
            "ledger"),
        Arguments.of(
            "the task definition's family",
            WorkloadBuilder.taskDefinition("ledger-worker").app("worker", "ledger:3"),
            "ledger-worker"),
        Arguments.of(
            "a bare pod's own name",
            WorkloadBuilder.pod("debug-shell").app("shell", "busybox:1"),
            "debug-shell"),
        Arguments.of(
            "the app label",
            WorkloadBuilder.pod("checkout-v2-6f9-abcde")
                .owner("Deployment/checkout-v2")
                .label("app", "checkout")
                .app("web", "shop/web:1"),
            "checkout"),
        Arguments.of(
            "the app.kubernetes.io/name label",
            WorkloadBuilder.pod("checkout-v2-6f9-abcde")
                .owner("Deployment/checkout-v2")
                .label("app.kubernetes.io/name", "checkout")
                .app("web", "shop/web:1"),
            "checkout"),
        Arguments.of(
            "a Service that selects it",
            WorkloadBuilder.pod("pay-7d9f8-q1w2e")
                .owner("Deployment/pay")
                .label("app", "payments")
                .app("pay", "pay:2"),
            "payments"),
        Arguments.of(
            "AWS_XRAY_TRACING_NAME in the app's environment",
            WorkloadBuilder.pod("billing-api-5c-x1")
                .owner("Deployment/billing-api")
                .app(container("billing", "billing:1").env("AWS_XRAY_TRACING_NAME", "Billing")),
            "Billing"),
        Arguments.of(
            "OTEL_SERVICE_NAME in the app's environment",
            WorkloadBuilder.pod("billing-api-5c-x1")
                .owner("Deployment/billing-api")
                .app(container("billing", "billing:1").env("OTEL_SERVICE_NAME", "billing-svc")),
            "billing-svc"),
        Arguments.of(
            "service.name in OTEL_RESOURCE_ATTRIBUTES",
            WorkloadBuilder.pod("billing-api-5c-x1")
                .owner("Deployment/billing-api")
                .app(
                    container("billing", "billing:1")
                        .env("OTEL_RESOURCE_ATTRIBUTES", "team=core, service.name=billing-svc")),
            "billing-svc"),
        Arguments.of(
            "the X-Ray SDK's tracing name property in JAVA_TOOL_OPTIONS",
            WorkloadBuilder.pod("billing-api-5c-x1")
                .owner("Deployment/billing-api")
                .app(
                    container("billing", "billing:1")
                        .env(
                            "JAVA_TOOL_OPTIONS",
                            "-Xmx512m -Dcom.amazonaws.xray.strategy.tracingName=Billing")),
            "Billing"));
  }

  @ParameterizedTest(name = "a traced name matches {0}")
  @MethodSource("namingRules")
  void aTracedNameMatchesTheWorkloadItNames(
      String rule, WorkloadBuilder workload, String tracedName) {
    TopologyBase base =
        base(List.of(workload.spec()), List.of(ServiceBuilder.service("payments").build()));
    String app = base.workloads().get(0).containers().get(0).id();

    TopologyBase after = appender.append(base, services(tracedName));

    assertThat(after.overlays().get(workload.id(), OverlayKeys.TRACED_NAME)).contains(tracedName);
    assertThat(after.overlays().get(app, OverlayKeys.TRACED_NAME)).contains(tracedName);
    assertThat(after.nodes())
        .noneMatch(n -> n.id().startsWith(TracedTrafficAppender.SERVICE_PREFIX));
  }

  @Test
  void namesAreComparedWithoutCase() {
    WorkloadBuilder checkout =
        WorkloadBuilder.pod("checkout-6f9-abcde").owner("Deployment/checkout").app("web");

    TopologyBase after =
        appender.append(base(List.of(checkout.spec()), List.of()), services("Checkout"));

    assertThat(after.overlays().get(checkout.id(), OverlayKeys.TRACED_NAME)).contains("Checkout");
  }

  @Test
  void aWorkloadThatDeclaresItsTracingNameIsNotMatchedByItsOwnersName() {
    WorkloadBuilder billing =
        WorkloadBuilder.pod("billing-api-5c-x1")
            .owner("Deployment/billing-api")
            .app(container("billing", "billing:1").env("AWS_XRAY_TRACING_NAME", "Billing"));

    TopologyBase after =
        appender.append(base(List.of(billing.spec()), List.of()), services("billing-api"));

    assertThat(after.overlays().get(billing.id(), OverlayKeys.TRACED_NAME)).isEmpty();
    assertThat(after.nodes())
        .extracting(Node::id)
        .containsExactly(TracedTrafficAppender.SERVICE_PREFIX + "billing-api");
  }

  // ---- which edge

  @Test
  void aMeshedPodsCallsGoOnTheEdgeThatLeavesThroughItsProxy() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());
    Edge manifest = edge(base, SeedSample.ORDER_ENVOY, PAYMENT).orElseThrow();

    TopologyBase after = appender.append(base, calls(call("order-service", "payment-service")));

    Edge measured = edge(after, SeedSample.ORDER_ENVOY, PAYMENT).orElseThrow();
    assertThat(measured.metrics()).isEqualTo(STATS.metrics());
    assertThat(measured.evidence()).containsExactlyInAnyOrder(Evidence.MANIFEST, Evidence.XRAY);
    assertThat(measured.detail()).isEqualTo(manifest.detail());
    assertThat(edge(after, SeedSample.ORDER_APP, PAYMENT)).isEmpty();
    assertThat(after.edges()).hasSameSizeAs(base.edges());
  }

  static Stream<Arguments> meshedWorkloads() {
    return Stream.of(
        Arguments.of(SidecarKind.ENVOY, WorkloadBuilder.pod("web-1").owner("Deployment/web")),
        Arguments.of(SidecarKind.ISTIO_PROXY, WorkloadBuilder.pod("web-1").owner("Deployment/web")),
        Arguments.of(
            SidecarKind.LINKERD_PROXY, WorkloadBuilder.pod("web-1").owner("Deployment/web")),
        Arguments.of(
            SidecarKind.APPMESH_ENVOY, WorkloadBuilder.pod("web-1").owner("Deployment/web")),
        // ECS Service Connect's proxy is an Envoy the classifier names envoy.
        Arguments.of(SidecarKind.ENVOY, WorkloadBuilder.task("9a8b7c6d").owner("Service/web")));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("meshedWorkloads")
  void everyKindOfMeshProxyCarriesItsPodsCalls(SidecarKind proxy, WorkloadBuilder web) {
    Workload workload =
        web.app(container("web", "web:1").env("PAYMENT_URL", "http://payment-service:8080"))
            .sidecar(proxy, "proxy", "proxy:1")
            .build();
    String proxyId = workload.id() + "/proxy";
    ManifestEdges.Result derived =
        new ManifestEdges().derive(List.of(workload), SeedSample.services(), List.of());
    TopologyBase base =
        new TopologyBase(
            List.of(workload),
            SeedSample.services(),
            SortedLists.sort(derived.nodes(), Node.ORDER),
            SortedLists.sort(derived.edges(), Edge.ORDER),
            List.of(),
            List.of(),
            null);
    String to =
        derived.edges().stream()
            .filter(e -> e.from().equals(proxyId))
            .findFirst()
            .orElseThrow()
            .to();

    TopologyBase after = appender.append(base, calls(call("web", "payment-service")));

    assertThat(edge(after, proxyId, to).orElseThrow().metrics()).isEqualTo(STATS.metrics());
    assertThat(after.edges()).filteredOn(e -> e.evidence().contains(Evidence.XRAY)).hasSize(1);
  }

  @Test
  void aPodWithoutAMeshProxyCallsFromItsApp() {
    WorkloadBuilder storefront = SeedSample.storefrontPod();
    String app = storefront.id() + "/storefront";
    TopologyBase base = seedBase(storefront, SeedSample.orderServicePod());

    TopologyBase after = appender.append(base, calls(call("storefront", "order-service")));

    assertThat(edge(after, app, ORDERS).orElseThrow().metrics()).isEqualTo(STATS.metrics());
    assertThat(edge(after, storefront.id() + "/health-proxy", ORDERS)).isEmpty();
  }

  @Test
  void aCallNoManifestShowsIsAddedFromTheProxyInOrder() {
    WorkloadBuilder payment = SeedSample.paymentServicePod();
    String envoy = payment.id() + "/envoy";
    TopologyBase base = seedBase(payment, SeedSample.orderServicePod());
    assertThat(edge(base, envoy, ORDERS)).isEmpty();

    TopologyBase after = appender.append(base, calls(call("payment-service", "order-service")));

    Edge added = edge(after, envoy, ORDERS).orElseThrow();
    assertThat(added.evidence()).containsExactly(Evidence.XRAY);
    assertThat(added.metrics()).isEqualTo(STATS.metrics());
    assertThat(after.edges()).hasSize(base.edges().size() + 1).isSortedAccordingTo(Edge.ORDER);
  }

  @Test
  void aCalleeWithPodsButNoServiceIsTheServiceNodeNamedAfterItsOwner() {
    WorkloadBuilder checkout =
        WorkloadBuilder.pod("checkout-6f9-abcde").owner("Deployment/checkout").app("web");
    TopologyBase base = seedBase(SeedSample.orderServicePod(), checkout);
    String checkoutNode = ServiceBuilder.service("checkout").id();

    TopologyBase after = appender.append(base, calls(call("order-service", "checkout")));

    assertThat(edge(after, SeedSample.ORDER_ENVOY, checkoutNode)).isPresent();
    assertThat(after.nodes()).contains(new Node(checkoutNode, NodeKind.SERVICE, "checkout"));
    assertThat(after.overlays().get(checkoutNode, OverlayKeys.TRACED_NAME)).contains("checkout");
  }

  @Test
  void aCalleeRunningInTwoPlacesIsReachedWhereTheCallersManifestPoints() {
    WorkloadBuilder storefront = SeedSample.storefrontPod();
    TopologyBase base =
        seedBase(storefront, SeedSample.orderServicePod(), SeedSample.orderServiceTask());
    String elsewhere = "service/us-east-1/prod/order-service";

    TopologyBase after = appender.append(base, calls(call("storefront", "order-service")));

    assertThat(edge(after, storefront.id() + "/storefront", ORDERS)).isPresent();
    assertThat(after.edges()).noneMatch(e -> e.to().equals(elsewhere));
    assertThat(after.nodes()).extracting(Node::id).doesNotContain(elsewhere);
  }

  @Test
  void aCallerRunningInTwoPlacesSplitsItsRateAcrossThem() {
    TopologyBase base =
        seedBase(
            SeedSample.orderServicePod(),
            SeedSample.orderServiceTask(),
            SeedSample.paymentServicePod());

    TopologyBase after = appender.append(base, calls(call("order-service", "payment-service")));

    double half = STATS.metrics().rps().getAsDouble() / 2;
    assertThat(edge(after, SeedSample.ORDER_ENVOY, PAYMENT).orElseThrow().metrics().rps())
        .hasValue(half);
    assertThat(edge(after, SeedSample.ORDER_TASK + "/order-service", PAYMENT).orElseThrow())
        .satisfies(e -> assertThat(e.metrics().rps()).hasValue(half))
        .satisfies(e -> assertThat(e.evidence()).containsExactly(Evidence.XRAY));
  }

  @Test
  void aCalleeKnownByItsHostLandsOnTheServiceThatHostNames() {
    WorkloadBuilder storefront = SeedSample.storefrontPod();
    TopologyBase base = seedBase(storefront);
    TracedCall byHost =
        new TracedCall(
            "storefront",
            "orders-api",
            Optional.of("remote"),
            Optional.of("order-service.shop.svc.cluster.local"),
            STATS);

    TopologyBase after = appender.append(base, calls(byHost));

    assertThat(edge(after, storefront.id() + "/storefront", ORDERS).orElseThrow().metrics())
        .isEqualTo(STATS.metrics());
    assertThat(after.nodes()).hasSameSizeAs(base.nodes());
  }

  @Test
  void aRemoteCalleeLandsOnTheExternalNodeOfItsHost() {
    WorkloadBuilder payment = SeedSample.paymentServicePod();
    TopologyBase base = seedBase(payment);
    assertThat(base.nodes()).extracting(Node::id).contains("external/payments-db.internal");
    TracedCall toDb =
        new TracedCall(
            "payment-service",
            "payments-db.internal",
            Optional.of("remote"),
            Optional.empty(),
            STATS);

    TopologyBase after = appender.append(base, calls(toDb));

    Edge measured =
        edge(after, payment.id() + "/envoy", "external/payments-db.internal").orElseThrow();
    assertThat(measured.evidence()).contains(Evidence.MANIFEST, Evidence.XRAY);
    assertThat(after.nodes()).hasSameSizeAs(base.nodes());
  }

  // ---- AWS services

  @Test
  void anAwsCallLandsOnTheAwsNodeThePictureHas() {
    WorkloadBuilder order =
        SeedSample.orderServicePod()
            .change(
                "order-service",
                c -> c.env("ORDERS_TABLE_ENDPOINT", "https://dynamodb.us-east-1.amazonaws.com"));
    TopologyBase base = seedBase(order);
    assertThat(edge(base, SeedSample.ORDER_ENVOY, Sinks.DYNAMODB.id())).isPresent();

    TopologyBase after = appender.append(base, calls(awsCall("DynamoDB", "AWS::DynamoDB::Table")));

    assertThat(edge(after, SeedSample.ORDER_ENVOY, Sinks.DYNAMODB.id()).orElseThrow().metrics())
        .isEqualTo(STATS.metrics());
    assertThat(after.nodes()).hasSameSizeAs(base.nodes());
  }

  @Test
  void anAwsCallToAServiceThePictureLacksAddsSidescopesNodeForIt() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());

    TopologyBase after = appender.append(base, calls(awsCall("DynamoDB", "AWS::DynamoDB::Table")));

    assertThat(after.nodes()).contains(Sinks.DYNAMODB).isSortedAccordingTo(Node.ORDER);
    assertThat(edge(after, SeedSample.ORDER_ENVOY, Sinks.DYNAMODB.id())).isPresent();
  }

  @Test
  void anAwsServiceNamedLikeTheLabelOfANodeInThePictureLandsOnIt() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());
    assertThat(base.nodes()).contains(Sinks.XRAY);

    TopologyBase after = appender.append(base, calls(awsCall("X-Ray", "AWS")));

    assertThat(edge(after, SeedSample.ORDER_ENVOY, Sinks.XRAY.id(), EdgeKind.UPSTREAM)).isPresent();
    assertThat(after.nodes()).hasSameSizeAs(base.nodes());
  }

  @Test
  void anAwsServiceSidescopeDoesNotKnowGetsANodeNamedAfterIt() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());

    TopologyBase after =
        appender.append(base, calls(awsCall("Step Functions", "AWS::StepFunctions::StateMachine")));

    Node added = new Node("aws/step-functions", NodeKind.AWS, "Step Functions");
    assertThat(after.nodes()).contains(added);
    assertThat(edge(after, SeedSample.ORDER_ENVOY, added.id())).isPresent();
  }

  // ---- nothing dropped

  @Test
  void servicesThatMatchNothingBecomeNodesWithTheirCalls() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());
    OverlayData data =
        OverlayData.builder()
            .putAll(services("legacy-billing"))
            .putAll(calls(call("order-service", "legacy-billing"), call("cron", "order-service")))
            .build();

    TopologyBase after = appender.append(base, data);

    String billing = TracedTrafficAppender.SERVICE_PREFIX + "legacy-billing";
    String cron = TracedTrafficAppender.SERVICE_PREFIX + "cron";
    assertThat(after.nodes())
        .contains(
            new Node(billing, NodeKind.SERVICE, "legacy-billing"),
            new Node(cron, NodeKind.SERVICE, "cron"));
    assertThat(edge(after, SeedSample.ORDER_ENVOY, billing)).isPresent();
    assertThat(edge(after, cron, ORDERS).orElseThrow().metrics()).isEqualTo(STATS.metrics());
    assertThat(after.overlays().get(billing, OverlayKeys.TRACED_NAME)).contains("legacy-billing");
  }

  @Test
  void aRemoteServiceThatMatchesNothingIsAnExternalNode() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());
    OverlayData data =
        OverlayData.builder()
            .put(
                "api.stripe.com",
                OverlayKeys.TRACED_SERVICES,
                new TracedService("api.stripe.com", Optional.of("remote"), STATS))
            .build();

    TopologyBase after = appender.append(base, data);

    assertThat(after.nodes())
        .contains(new Node("external/api.stripe.com", NodeKind.EXTERNAL, "api.stripe.com"));
  }

  // ---- what the views get

  @Test
  void tracedNamesAreWrittenForTheWorkloadItsContainersAndTheNodesCalled() {
    TopologyBase base = seedBase(SeedSample.orderServicePod(), SeedSample.paymentServicePod());
    OverlayData data =
        OverlayData.builder()
            .putAll(services("order-service", "payment-service"))
            .putAll(calls(call("order-service", "payment-service")))
            .build();

    TopologyBase after = appender.append(base, data);

    OverlayData overlays = after.overlays();
    assertThat(overlays.get(SeedSample.ORDER_POD, OverlayKeys.TRACED_NAME))
        .contains("order-service");
    assertThat(overlays.get(SeedSample.ORDER_APP, OverlayKeys.TRACED_NAME))
        .contains("order-service");
    assertThat(overlays.get(SeedSample.ORDER_ENVOY, OverlayKeys.TRACED_NAME))
        .contains("order-service");
    assertThat(overlays.get(SeedSample.ORDER_XRAY, OverlayKeys.TRACED_NAME)).isEmpty();
    assertThat(overlays.get(SeedSample.PAYMENT_POD, OverlayKeys.TRACED_NAME))
        .contains("payment-service");
    assertThat(overlays.get(PAYMENT, OverlayKeys.TRACED_NAME)).contains("payment-service");
    assertThat(overlays.all(OverlayKeys.TRACED_CALLS))
        .isEqualTo(data.all(OverlayKeys.TRACED_CALLS));
    assertThat(overlays.all(OverlayKeys.TRACED_SERVICES))
        .isEqualTo(data.all(OverlayKeys.TRACED_SERVICES));
  }

  @Test
  void noTracingLeavesTheTopologyAsItWas() {
    TopologyBase base = seedBase(SeedSample.orderServicePod());

    assertThat(appender.append(base, OverlayData.EMPTY)).isSameAs(base);
  }

  @Test
  void aHostIsReadWithoutSchemeUserinfoPortPathOrQuery() {
    assertThat(TracedTrafficAppender.hostOf("https://user:pw@Payments.Shop:8443/v1/pay?x=1"))
        .isEqualTo("payments.shop");
    assertThat(TracedTrafficAppender.hostOf("order-service.shop.svc.cluster.local."))
        .isEqualTo("order-service.shop.svc.cluster.local");
    assertThat(TracedTrafficAppender.hostOf("order-service")).isEqualTo("order-service");
  }

  // ---- helpers, shared with the snapshot tests

  static TopologyBase seedBase(WorkloadBuilder... workloads) {
    List<WorkloadSpec> specs = new ArrayList<>();
    for (WorkloadBuilder w : workloads) {
      specs.add(w.spec());
    }
    return SeedSample.builder()
        .base(new Observations(specs, SeedSample.services(), SeedSample.meshNodes(), List.of()));
  }

  private static TopologyBase base(List<WorkloadSpec> specs, List<ServiceSpec> services) {
    return SeedSample.builder().base(new Observations(specs, services, List.of(), List.of()));
  }

  static TracedCall call(String caller, String callee) {
    return new TracedCall(
        caller, callee, Optional.of("AWS::EKS::Container"), Optional.empty(), STATS);
  }

  private static TracedCall awsCall(String callee, String type) {
    return new TracedCall("order-service", callee, Optional.of(type), Optional.empty(), STATS);
  }

  static OverlayData calls(TracedCall... calls) {
    OverlayData.Builder data = OverlayData.builder();
    for (TracedCall c : calls) {
      data.put(c.subject(), OverlayKeys.TRACED_CALLS, c);
    }
    return data.build();
  }

  static OverlayData services(String... names) {
    OverlayData.Builder data = OverlayData.builder();
    for (String name : names) {
      data.put(
          name,
          OverlayKeys.TRACED_SERVICES,
          new TracedService(name, Optional.of("AWS::EKS::Container"), STATS));
    }
    return data.build();
  }

  static Optional<Edge> edge(TopologyBase topology, String from, String to) {
    return edge(topology, from, to, EdgeKind.UPSTREAM);
  }

  private static Optional<Edge> edge(TopologyBase topology, String from, String to, EdgeKind kind) {
    return topology.edges().stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to) && e.kind() == kind)
        .findFirst();
  }
}
