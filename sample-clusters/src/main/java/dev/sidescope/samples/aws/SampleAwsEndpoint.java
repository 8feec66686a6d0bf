package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 * The sample cluster's AWS endpoint: an HTTP server on 127.0.0.1 that answers the Amazon ECS calls
 * Sidescope makes, in the AWS JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
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
 * <p>ARNs are in the fixed fake account {@value #ACCOUNT_ID}. Operations: {@code ListClusters},
 * {@code DescribeClusters}, {@code ListServices}, {@code DescribeServices}, {@code ListTasks},
 * {@code DescribeTasks}, {@code DescribeTaskDefinition}; also the IAM Identity Center portal's
 * {@code GET /federation/credentials}, so that an SSO profile can be exercised. Anything else gets
 * the AWS error shape ({@code {"__type": ..., "message": ...}}) with the status AWS would send: 400
 * {@code UnknownOperationException}, 400 {@code SerializationException} for a body that is not
 * JSON, 400 {@code ClusterNotFoundException}, {@code InvalidParameterException}, {@code
 * ClientException}. Any credentials are accepted; signatures are not checked. {@link #faults()}
 * injects throttling, server errors, malformed JSON and denied clusters.
 *
 * <p>Threading: {@link #start} and {@link #stop} from any thread; requests are served on a small
 * pool of daemon threads; the account is immutable, the faults and counters are thread-safe.
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

  static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private static final Logger LOG = LoggerFactory.getLogger(SampleAwsEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private volatile EcsApi api;
  private final Map<String, Function<JsonNode, ObjectNode>> operations;
  private final AwsFaults faults = new AwsFaults();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private HttpServer server;
  private ExecutorService executor;

  private SampleAwsEndpoint(EcsApi api) {
    this.region = api.account().region();
    this.api = api;
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
    return new SampleAwsEndpoint(EcsApi.of(EcsSampleFolder.read(folder, clock.instant())));
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

  /** Answers list calls with at most {@code size} items a page, to make clients page. */
  public SampleAwsEndpoint maxPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a page holds at least one item: " + size);
    }
    api = api.withMaxPageSize(size);
    return this;
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
      String operation =
          target.startsWith(ECS_TARGET_PREFIX) ? target.substring(ECS_TARGET_PREFIX.length()) : "";
      calls
          .computeIfAbsent(operation.isEmpty() ? target : operation, o -> new AtomicInteger())
          .incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!exchange.getRequestMethod().equals("POST") || !operations.containsKey(operation)) {
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
      JsonNode request;
      try {
        request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        request = null;
      }
      if (request == null || !request.isObject()) {
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
      for (String cluster : EcsApi.clustersOf(operation, request)) {
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
        response = operations.get(operation).apply(request);
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

  /** The operations answered, for documentation and tests. */
  public static List<String> operations() {
    return List.of(
        "ListClusters",
        "DescribeClusters",
        "ListServices",
        "DescribeServices",
        "ListTasks",
        "DescribeTasks",
        "DescribeTaskDefinition");
  }

  @Override
  public String toString() {
    return "SampleAwsEndpoint[" + region.toLowerCase(Locale.ROOT) + "]";
  }
}
