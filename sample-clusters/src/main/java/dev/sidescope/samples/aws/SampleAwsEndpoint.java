package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidescope.samples.logs.SampleLogs;
import dev.sidescope.samples.traffic.TrafficSimulator;
import dev.sidescope.samples.xray.SegmentRenderer;
import dev.sidescope.samples.xray.WorkloadOrigins;
import dev.sidescope.samples.xray.XRayRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample cluster's AWS endpoint: an HTTP server on 127.0.0.1 that answers the Amazon ECS and
 * AWS X-Ray calls Sidescope makes.
 *
 * <p>ECS, in the AWS JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>}, {@code Content-Type:
 * application/x-amz-json-1.1}), from a sample folder:
 *
 * <ul>
 *   <li>{@code ecs/*.json}: task definitions, as {@code RegisterTaskDefinition} input or {@code
 *       DescribeTaskDefinition} output (ISO timestamps as the AWS CLI prints them are fine);
 *       revisions start at 1 per family, in file order;
 *   <li>{@code ecs/services.yaml}: {@code [{cluster, service, taskDefinition, desiredCount}]},
 *       where {@code taskDefinition} is {@code family} (the latest revision) or {@code
 *       family:revision}. Optional per service: {@code serviceConnect: true} (its tasks also run
 *       the ECS Service Connect proxy, as ECS adds it), and {@code containerStates: [{name, task,
 *       lastStatus, exitCode, reason, healthStatus}]}, which overrides what the named container of
 *       the service's tasks (or only of task number {@code task}, counting from 0) reports: that is
 *       how a sample shows a stopped sidecar;
 *   <li>{@code cluster.yaml}: {@code region:} (default {@value #DEFAULT_REGION}).
 * </ul>
 *
 * <p>ECS operations: {@code ListClusters}, {@code DescribeClusters}, {@code ListServices}, {@code
 * DescribeServices}, {@code ListTasks}, {@code DescribeTasks}, {@code DescribeTaskDefinition}; also
 * the IAM Identity Center portal's {@code GET /federation/credentials}, so that an SSO profile can
 * be exercised. ARNs are in the fixed fake account {@value #ACCOUNT_ID}. Anything else with an
 * {@code X-Amz-Target} (or none, at {@code /}) gets the AWS JSON error shape ({@code {"__type":
 * ..., "message": ...}}) with the status AWS would send: 400 {@code UnknownOperationException}, 400
 * {@code SerializationException} for a body that is not JSON, 400 {@code ClusterNotFoundException},
 * {@code InvalidParameterException}, {@code ClientException}.
 *
 * <p>CloudWatch Logs, in the same protocol ({@code X-Amz-Target: Logs_20140328.<Operation>}):
 * {@code DescribeLogGroups}, {@code DescribeLogStreams}, {@code GetLogEvents} and {@code
 * FilterLogEvents} over the log groups and streams the tasks' {@code awslogs} and FireLens
 * CloudWatch outputs write to, their lines written from the traffic once {@link #serveLogs} hands
 * the logs over (see {@link LogsApi}); 400 {@code ResourceNotFoundException} for a group or stream
 * that does not exist.
 *
 * <p>X-Ray, in its REST-JSON protocol ({@code POST /ServiceGraph}, {@code
 * /TimeSeriesServiceStatistics}, {@code /TraceSummaries}, {@code /Traces}: {@code GetServiceGraph},
 * {@code GetTimeSeriesServiceStatistics}, {@code GetTraceSummaries}, {@code BatchGetTraces}), from
 * the sample's traffic once {@link #serveTraffic} hands it over; without traffic, an account with
 * no traces (an empty graph). Errors carry their type in the {@code x-amzn-ErrorType} header and
 * {@code {"message": ...}}: 404 {@code UnknownOperationException} for any other path, 400 {@code
 * InvalidRequestException} for bad input, 429 {@code ThrottledException} when throttled.
 *
 * <p>Any credentials are accepted; signatures are not checked. {@link #faults()} injects
 * throttling, server errors and malformed JSON into ECS, CloudWatch Logs and X-Ray calls alike, and
 * denies ECS clusters.
 *
 * <p>Threading: {@link #start}, {@link #stop} and {@link #serveTraffic} from any thread; requests
 * are served on a small pool of daemon threads; the account is immutable, the faults and counters
 * are thread-safe, and the X-Ray recorder is fed on the traffic's thread and read on the serving
 * threads (it serializes both).
 */
public final class SampleAwsEndpoint implements AutoCloseable {
  /** The fake account every ARN names. */
  public static final String ACCOUNT_ID = EcsArns.ACCOUNT_ID;

  /** The region when {@code cluster.yaml} names none. */
  public static final String DEFAULT_REGION = EcsSampleFolder.DEFAULT_REGION;

  /** The access key the endpoint hands out in {@link #environment()}; any key is accepted. */
  public static final String ACCESS_KEY_ID = "AKIDSAMPLECLUSTER";

  /** The secret key that goes with {@link #ACCESS_KEY_ID}; not checked. */
  public static final String SECRET_ACCESS_KEY = "sample-cluster-secret-not-checked";

  /** How many services or trace summaries an X-Ray page holds unless told otherwise. */
  static final int XRAY_PAGE_SIZE = 100;

  static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private static final Logger LOG = LoggerFactory.getLogger(SampleAwsEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private volatile EcsApi api;
  private final Map<String, Function<JsonNode, ObjectNode>> operations;
  private final AwsFaults faults = new AwsFaults();
  private volatile XRayApi xray = new XRayApi(this::xrayRecorder, XRAY_PAGE_SIZE);
  private volatile Map<String, Function<JsonNode, ObjectNode>> logsOperations;
  private XRayRecorder recorder;
  private TrafficSimulator traffic;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private HttpServer server;
  private ExecutorService executor;

  private SampleAwsEndpoint(EcsApi api, Clock clock) {
    this.region = api.account().region();
    this.api = api;
    this.logsOperations = new LogsApi(api.account(), SampleLogs.withoutTraffic(clock)).operations();
    this.operations = new LinkedHashMap<>();
    for (String operation : api.operations().keySet()) {
      // Each call goes to the API as it is now (tests may shrink its page size).
      operations.put(operation, request -> this.api.operations().get(operation).apply(request));
    }
  }

  /**
   * The endpoint for a sample folder (a folder on disk or inside a jar), not yet started.
   *
   * @throws InvalidSampleException when the folder's ECS files cannot be served
   * @throws IOException when the folder cannot be read
   */
  public static SampleAwsEndpoint forSample(Path folder) throws IOException {
    return forSample(folder, Clock.systemUTC());
  }

  /** As {@link #forSample(Path)}, with the clock task timestamps are counted back from. */
  public static SampleAwsEndpoint forSample(Path folder, Clock clock) throws IOException {
    Objects.requireNonNull(folder, "folder");
    return new SampleAwsEndpoint(EcsApi.of(EcsSampleFolder.read(folder, clock.instant())), clock);
  }

  /** Starts on 127.0.0.1 on any free port. */
  public SampleAwsEndpoint start() throws IOException {
    return start(0);
  }

  /**
   * Starts on 127.0.0.1.
   *
   * @param port the port, or 0 for any free port
   * @throws IllegalStateException when already started
   */
  public synchronized SampleAwsEndpoint start(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("the sample AWS endpoint is already started");
    }
    HttpServer created =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "sample-aws-endpoint-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    created.setExecutor(executor);
    created.createContext("/", this::handle);
    created.start();
    server = created;
    LOG.info("Sample AWS endpoint for {} on {}", region, url());
    return this;
  }

  /** Stops serving. Idempotent. */
  public synchronized void stop() {
    if (traffic != null) {
      traffic.removeListener(recorder);
    }
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code http://127.0.0.1:<port>}; only once started. */
  public synchronized URI url() {
    if (server == null) {
      throw new IllegalStateException("the sample AWS endpoint is not started");
    }
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The sample's region. */
  public String region() {
    return region;
  }

  /**
   * What a shell (or {@code --write-env}) needs to point the AWS CLI and Sidescope here: {@code
   * AWS_ENDPOINT_URL}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code
   * AWS_SECRET_ACCESS_KEY}, in that order. The writer also unsets {@code AWS_PROFILE} and {@code
   * AWS_SESSION_TOKEN}, so that no real profile or session leaks in.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ENDPOINT_URL", url().toString());
    env.put("AWS_REGION", region);
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    return env;
  }

  /** Faults to inject into the answers; none by default. */
  public AwsFaults faults() {
    return faults;
  }

  /** How many requests for this operation (e.g. {@code DescribeTaskDefinition}) arrived. */
  public int calls(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  /**
   * Answers list calls (ECS lists, X-Ray's services and trace summaries) with at most {@code size}
   * items a page, to make clients page.
   */
  public SampleAwsEndpoint maxPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a page holds at least one item: " + size);
    }
    api = api.withMaxPageSize(size);
    xray = xray.withPageSize(size);
    return this;
  }

  /**
   * Serves X-Ray from {@code traffic}: from now on its requests are recorded (see {@link
   * XRayRecorder}) and the X-Ray operations answer from them; before this, they answer as an
   * account without traces. {@link #stop()} stops listening.
   *
   * @param origins which names of the traffic are traced workloads, and where they run
   * @throws IllegalStateException when the endpoint already serves traffic
   */
  public synchronized SampleAwsEndpoint serveTraffic(
      TrafficSimulator traffic, WorkloadOrigins origins) {
    if (this.traffic != null) {
      throw new IllegalStateException("the sample AWS endpoint already serves traffic");
    }
    XRayRecorder created = new XRayRecorder(new SegmentRenderer(origins));
    traffic.addListener(created);
    this.recorder = created;
    this.traffic = traffic;
    return this;
  }

  /**
   * Serves CloudWatch Logs from {@code logs}: the ECS tasks' log streams hold their containers'
   * lines as written from the sample's traffic; before this, only the containers' own lines.
   */
  public SampleAwsEndpoint serveLogs(SampleLogs logs) {
    logsOperations = new LogsApi(api.account(), logs).operations();
    return this;
  }

  /** What the X-Ray operations answer from, once {@link #serveTraffic} was called. */
  public synchronized Optional<XRayRecorder> xrayRecorder() {
    return Optional.ofNullable(recorder);
  }

  /** How many tasks each of the sample's ECS services runs, by its name. */
  public Map<String, Integer> ecsTaskCounts() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    api.account().clusters().values().stream()
        .flatMap(List::stream)
        .forEach(s -> counts.merge(s.name(), s.desiredCount(), Integer::sum));
    return counts;
  }

  /** The names of the sample's ECS services, in {@code services.yaml} order. */
  public List<String> ecsServices() {
    return api.account().clusters().values().stream()
        .flatMap(List::stream)
        .map(EcsSampleAccount.Service::name)
        .distinct()
        .toList();
  }

  // ---- serving ---------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.equals("/federation/credentials")) {
        ssoRoleCredentials(exchange);
        return;
      }
      String target =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      if (target.isEmpty() && !path.equals("/")) {
        restJson(exchange, path);
        return;
      }
      boolean logs = target.startsWith(LogsApi.TARGET_PREFIX);
      String operation =
          target.startsWith(ECS_TARGET_PREFIX)
              ? target.substring(ECS_TARGET_PREFIX.length())
              : logs ? target.substring(LogsApi.TARGET_PREFIX.length()) : "";
      Function<JsonNode, ObjectNode> answer =
          logs ? logsOperations.get(operation) : operations.get(operation);
      calls
          .computeIfAbsent(operation.isEmpty() ? target : operation, o -> new AtomicInteger())
          .incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!exchange.getRequestMethod().equals("POST") || answer == null) {
        error(
            exchange,
            new AwsErrorResponse(
                400,
                "UnknownOperationException",
                target.isEmpty()
                    ? "The request names no operation (X-Amz-Target)."
                    : "The operation " + target + " is not supported by the sample endpoint."));
        return;
      }
      JsonNode request = jsonObject(body);
      if (request == null) {
        error(
            exchange,
            new AwsErrorResponse(
                400, "SerializationException", "The request body is not a JSON object."));
        return;
      }
      Optional<AwsFaults.Fault> fault = faults.take();
      if (fault.isPresent()) {
        inject(exchange, fault.get(), operation);
        return;
      }
      for (String cluster : logs ? List.<String>of() : EcsApi.clustersOf(operation, request)) {
        if (faults.denied(cluster)) {
          error(
              exchange,
              new AwsErrorResponse(
                  400,
                  "AccessDeniedException",
                  "User: arn:aws:sts::"
                      + ACCOUNT_ID
                      + ":assumed-role/ReadOnly/sidescope is not authorized to perform: ecs:"
                      + operation
                      + " on resource: arn:aws:ecs:"
                      + region
                      + ":"
                      + ACCOUNT_ID
                      + ":cluster/"
                      + cluster
                      + " because no identity-based policy allows the ecs:"
                      + operation
                      + " action"));
          return;
        }
      }
      ObjectNode response;
      try {
        response = answer.apply(request);
      } catch (AwsErrorResponse e) {
        error(exchange, e);
        return;
      }
      send(exchange, 200, JSON.writeValueAsBytes(response));
    } catch (RuntimeException e) {
      LOG.warn("The sample AWS endpoint failed on a request", e);
      throw e;
    }
  }

  /** An X-Ray call: REST-JSON, the operation named by the path. */
  private void restJson(HttpExchange exchange, String path) throws IOException {
    String operation = XRayApi.OPERATIONS.get(path);
    calls
        .computeIfAbsent(operation == null ? path : operation, o -> new AtomicInteger())
        .incrementAndGet();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (operation == null || !exchange.getRequestMethod().equals("POST")) {
      restError(
          exchange,
          new AwsErrorResponse(
              404,
              "UnknownOperationException",
              "The sample endpoint answers no operation at "
                  + exchange.getRequestMethod()
                  + " "
                  + path
                  + "."));
      return;
    }
    JsonNode request = jsonObject(body);
    if (request == null) {
      restError(
          exchange,
          new AwsErrorResponse(
              400, "SerializationException", "The request body is not a JSON object."));
      return;
    }
    Optional<AwsFaults.Fault> fault = faults.take();
    if (fault.isPresent()) {
      switch (fault.get()) {
        case THROTTLE ->
            restError(exchange, new AwsErrorResponse(429, "ThrottledException", "Rate exceeded"));
        case SERVER_ERROR ->
            restError(
                exchange,
                new AwsErrorResponse(
                    500, "InternalFailure", "Service Unavailable. Please try again later."));
        case MALFORMED ->
            send(
                exchange,
                200,
                "{\"Services\": [{\"Name\": ".getBytes(StandardCharsets.UTF_8),
                "application/json");
      }
      return;
    }
    ObjectNode response;
    try {
      response = xray.call(operation, request);
    } catch (AwsErrorResponse e) {
      restError(exchange, e);
      return;
    }
    send(exchange, 200, JSON.writeValueAsBytes(response), "application/json");
  }

  /** An error as the REST-JSON protocol sends it: the type in a header, the message in JSON. */
  private static void restError(HttpExchange exchange, AwsErrorResponse e) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", e.getMessage());
    exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
    send(exchange, e.status(), JSON.writeValueAsBytes(body), "application/json");
  }

  private void inject(HttpExchange exchange, AwsFaults.Fault fault, String operation)
      throws IOException {
    switch (fault) {
      case THROTTLE ->
          error(exchange, new AwsErrorResponse(400, "ThrottlingException", "Rate exceeded"));
      case SERVER_ERROR ->
          error(
              exchange,
              new AwsErrorResponse(
                  500, "ServerException", "Service Unavailable. Please try again later."));
      case MALFORMED ->
          send(
              exchange,
              200,
              ("{\""
                      + (operation.startsWith("List") ? "taskArns" : "tasks")
                      + "\": [{\"taskArn\": ")
                  .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** IAM Identity Center's GetRoleCredentials: any bearer token gets role credentials. */
  private void ssoRoleCredentials(HttpExchange exchange) throws IOException {
    calls.computeIfAbsent("GetRoleCredentials", o -> new AtomicInteger()).incrementAndGet();
    String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
    if (token == null || token.isBlank()) {
      error(
          exchange,
          new AwsErrorResponse(401, "UnauthorizedException", "Session token not found or invalid"));
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    response
        .putObject("roleCredentials")
        .put("accessKeyId", ACCESS_KEY_ID)
        .put("secretAccessKey", SECRET_ACCESS_KEY)
        .put("sessionToken", "sample-session-token")
        .put("expiration", Instant.now().plusSeconds(3600).toEpochMilli());
    send(exchange, 200, JSON.writeValueAsBytes(response), "application/json");
  }

  private static void error(HttpExchange exchange, AwsErrorResponse e) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", e.type());
    body.put("message", e.getMessage());
    exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
    send(exchange, e.status(), JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, body, "application/x-amz-json-1.1");
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The operations answered, for documentation and tests: ECS's, CloudWatch Logs', X-Ray's. */
  public static List<String> operations() {
    return List.of(
        "ListClusters",
        "DescribeClusters",
        "ListServices",
        "DescribeServices",
        "ListTasks",
        "DescribeTasks",
        "DescribeTaskDefinition",
        "DescribeLogGroups",
        "DescribeLogStreams",
        "GetLogEvents",
        "FilterLogEvents",
        "GetServiceGraph",
        "GetTimeSeriesServiceStatistics",
        "GetTraceSummaries",
        "BatchGetTraces");
  }

  @Override
  public String toString() {
    return "SampleAwsEndpoint[" + region.toLowerCase(Locale.ROOT) + "]";
  }

  /** A request body as a JSON object (an empty body is an empty one); null when it is not one. */
  private static JsonNode jsonObject(byte[] body) {
    try {
      JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      return request != null && request.isObject() ? request : null;
    } catch (IOException e) {
      return null;
    }
  }
}
