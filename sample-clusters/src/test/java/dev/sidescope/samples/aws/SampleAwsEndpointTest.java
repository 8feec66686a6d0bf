package dev.sidescope.samples.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.folder.BuiltInSamples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample AWS endpoint over real HTTP, spoken to as an AWS SDK would: AWS JSON 1.1 requests, the
 * shapes and errors of ECS back.
 */
class SampleAwsEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path folder;
  private final List<SampleAwsEndpoint> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(SampleAwsEndpoint::stop);
  }

  private SampleAwsEndpoint serve(Path sample) throws IOException {
    SampleAwsEndpoint endpoint = SampleAwsEndpoint.forSample(sample, CLOCK).start();
    started.add(endpoint);
    return endpoint;
  }

  private SampleAwsEndpoint seed() throws IOException {
    return serve(BuiltInSamples.folder("seed").orElseThrow());
  }

  /** An answer: status and parsed body (null when the body is not JSON). */
  record Answer(int status, JsonNode body, String text) {
    String type() {
      return body == null ? null : body.path("__type").asText(null);
    }
  }

  private static Answer call(SampleAwsEndpoint endpoint, String operation, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.url())
            .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=ANY/20261126/us-east-1/ecs/aws4_request")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode tree;
    try {
      tree = JSON.readTree(response.body());
    } catch (IOException e) {
      tree = null;
    }
    return new Answer(response.statusCode(), tree, response.body());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void seedRunsOrderServiceInShopProdAsTwoHealthyTasks() throws Exception {
    SampleAwsEndpoint endpoint = seed();

    assertThat(texts(call(endpoint, "ListClusters", "{}").body().get("clusterArns")))
        .containsExactly("arn:aws:ecs:us-east-1:123456789012:cluster/shop-prod");
    assertThat(
            texts(
                call(endpoint, "ListServices", "{\"cluster\":\"shop-prod\"}")
                    .body()
                    .get("serviceArns")))
        .containsExactly("arn:aws:ecs:us-east-1:123456789012:service/shop-prod/order-service");
    List<String> tasks =
        texts(call(endpoint, "ListTasks", "{\"cluster\":\"shop-prod\"}").body().get("taskArns"));
    assertThat(tasks)
        .hasSize(2)
        .allMatch(a -> a.matches("arn:aws:ecs:us-east-1:123456789012:task/shop-prod/[0-9a-f]{32}"));

    JsonNode described =
        call(
                endpoint,
                "DescribeTasks",
                JSON.writeValueAsString(
                    java.util.Map.of(
                        "cluster", "shop-prod", "tasks", tasks, "include", List.of("TAGS"))))
            .body();
    assertThat(described.get("failures")).isEmpty();
    for (JsonNode task : described.get("tasks")) {
      assertThat(task.get("group").asText()).isEqualTo("service:order-service");
      assertThat(task.get("lastStatus").asText()).isEqualTo("RUNNING");
      assertThat(task.get("healthStatus").asText()).isEqualTo("HEALTHY");
      assertThat(task.get("taskDefinitionArn").asText())
          .isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/order-service:1");
      assertThat(task.get("createdAt").isNumber()).as("timestamps are epoch seconds").isTrue();
      assertThat(task.get("containers"))
          .extracting(
              c -> c.get("name").asText(),
              c -> c.get("lastStatus").asText(),
              c -> c.get("healthStatus").asText())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("order-service", "RUNNING", "HEALTHY"),
              org.assertj.core.groups.Tuple.tuple("fluent-bit-sidecar", "RUNNING", "HEALTHY"));
    }
  }

  @Test
  void taskIdsAreTheSameOnEveryRun() throws Exception {
    String first = call(seed(), "ListTasks", "{\"cluster\":\"shop-prod\"}").text();
    String second = call(seed(), "ListTasks", "{\"cluster\":\"shop-prod\"}").text();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void taskDefinitionIsFoundByFamilyRevisionOrArnAtRevisionOne() throws Exception {
    SampleAwsEndpoint endpoint = seed();
    for (String reference :
        List.of(
            "order-service",
            "order-service:1",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/order-service:1")) {
      JsonNode definition =
          call(endpoint, "DescribeTaskDefinition", "{\"taskDefinition\":\"" + reference + "\"}")
              .body()
              .get("taskDefinition");

      assertThat(definition.get("revision").asInt()).isEqualTo(1);
      assertThat(definition.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(definition.get("containerDefinitions").get(1).get("essential").asBoolean())
          .isFalse();
    }
  }

  @Test
  void environmentPointsTheAwsCliHere() throws Exception {
    SampleAwsEndpoint endpoint = seed();

    assertThat(endpoint.environment())
        .containsExactly(
            java.util.Map.entry("AWS_ENDPOINT_URL", endpoint.url().toString()),
            java.util.Map.entry("AWS_REGION", "us-east-1"),
            java.util.Map.entry("AWS_ACCESS_KEY_ID", SampleAwsEndpoint.ACCESS_KEY_ID),
            java.util.Map.entry("AWS_SECRET_ACCESS_KEY", SampleAwsEndpoint.SECRET_ACCESS_KEY));
    assertThat(endpoint.url().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void unsupportedAndMalformedCallsGetTheAwsErrorShape() throws Exception {
    SampleAwsEndpoint endpoint = seed();

    Answer unknown = call(endpoint, "RunTask", "{}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.type()).isEqualTo("UnknownOperationException");
    assertThat(unknown.body().get("message").asText()).contains("RunTask");

    Answer notJson = call(endpoint, "ListTasks", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.type()).isEqualTo("SerializationException");

    assertThat(call(endpoint, "ListTasks", "{\"cluster\":\"nope\"}").type())
        .isEqualTo("ClusterNotFoundException");
    assertThat(call(endpoint, "DescribeTaskDefinition", "{\"taskDefinition\":\"nope:3\"}").type())
        .isEqualTo("ClientException");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add("t" + i);
    }
    Answer tooLong =
        call(
            endpoint,
            "DescribeTasks",
            JSON.writeValueAsString(java.util.Map.of("cluster", "shop-prod", "tasks", tooMany)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.type()).isEqualTo("InvalidParameterException");
  }

  @Test
  void unknownTasksComeBackAsMissingFailures() throws Exception {
    JsonNode answer =
        call(seed(), "DescribeTasks", "{\"cluster\":\"shop-prod\",\"tasks\":[\"0000\"]}").body();

    assertThat(answer.get("tasks")).isEmpty();
    assertThat(answer.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
  }

  @Test
  void throttlingServerErrorsAndMalformedJsonAreInjectedForTheNextCalls() throws Exception {
    SampleAwsEndpoint endpoint = seed();
    endpoint.faults().throttleNext(2).serverErrorNext(1).malformedNext(1);

    Answer first = call(endpoint, "ListClusters", "{}");
    Answer second = call(endpoint, "ListClusters", "{}");
    Answer third = call(endpoint, "ListClusters", "{}");
    Answer fourth = call(endpoint, "ListClusters", "{}");
    Answer fifth = call(endpoint, "ListClusters", "{}");

    assertThat(List.of(first.status(), second.status())).containsOnly(400);
    assertThat(first.type()).isEqualTo("ThrottlingException");
    assertThat(third.status()).isEqualTo(500);
    assertThat(third.type()).isEqualTo("ServerException");
    assertThat(fourth.status()).isEqualTo(200);
    assertThat(fourth.body()).as("not JSON").isNull();
    assertThat(fifth.status()).isEqualTo(200);
    assertThat(endpoint.calls("ListClusters")).isEqualTo(5);
  }

  @Test
  void deniedClusterAnswersAccessDeniedWhileAnotherLists() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.copy(
        BuiltInSamples.folder("seed").orElseThrow().resolve("ecs/order-service.json"),
        folder.resolve("ecs/order-service.json"));
    Files.writeString(
        folder.resolve("ecs/services.yaml"),
        """
        - {cluster: shop-prod, service: order-service, taskDefinition: order-service, desiredCount: 1}
        - {cluster: shop-dev, service: order-service, taskDefinition: order-service:1, desiredCount: 1}
        """);
    SampleAwsEndpoint endpoint = serve(folder);
    endpoint.faults().denyCluster("shop-dev");

    Answer denied = call(endpoint, "ListTasks", "{\"cluster\":\"shop-dev\"}");
    assertThat(denied.status()).isEqualTo(400);
    assertThat(denied.type()).isEqualTo("AccessDeniedException");
    assertThat(denied.body().get("message").asText())
        .contains("is not authorized to perform: ecs:ListTasks")
        .contains("cluster/shop-dev");
    assertThat(call(endpoint, "ListTasks", "{\"cluster\":\"shop-prod\"}").body().get("taskArns"))
        .hasSize(1);
    endpoint.faults().allowCluster("shop-dev");
    assertThat(
            call(
                    endpoint,
                    "ListTasks",
                    "{\"cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/shop-dev\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void listCallsPageWithAnOpaqueNextToken() throws Exception {
    SampleAwsEndpoint endpoint = seed().maxPageSize(1);

    JsonNode first = call(endpoint, "ListTasks", "{\"cluster\":\"shop-prod\"}").body();
    JsonNode second =
        call(
                endpoint,
                "ListTasks",
                "{\"cluster\":\"shop-prod\",\"nextToken\":\""
                    + first.get("nextToken").asText()
                    + "\"}")
            .body();

    assertThat(first.get("taskArns")).hasSize(1);
    assertThat(second.get("taskArns")).hasSize(1);
    assertThat(second.has("nextToken")).isFalse();
    assertThat(second.get("taskArns").get(0)).isNotEqualTo(first.get("taskArns").get(0));
  }

  @Test
  void brokenSampleShowsAStoppedLogRouterInOneTask() throws Exception {
    SampleAwsEndpoint endpoint = serve(BuiltInSamples.folder("broken").orElseThrow());
    List<String> tasks =
        texts(
            call(endpoint, "ListTasks", "{\"cluster\":\"payments-prod\"}").body().get("taskArns"));
    JsonNode described =
        call(
                endpoint,
                "DescribeTasks",
                JSON.writeValueAsString(
                    java.util.Map.of("cluster", "payments-prod", "tasks", tasks)))
            .body();

    JsonNode stopped = described.get("tasks").get(0).get("containers").get(1);
    assertThat(stopped.get("name").asText()).isEqualTo("log-router");
    assertThat(stopped.get("lastStatus").asText()).isEqualTo("STOPPED");
    assertThat(stopped.get("exitCode").asInt()).isEqualTo(137);
    assertThat(stopped.get("reason").asText()).startsWith("OutOfMemoryError");
    assertThat(described.get("tasks").get(1).get("containers").get(1).get("lastStatus").asText())
        .isEqualTo("RUNNING");
    assertThat(described.get("tasks").get(0).get("lastStatus").asText()).isEqualTo("RUNNING");
  }

  @Test
  void brokenSamplesStatementsServiceStoppedATaskBeforeItStartedTheOnesItRuns() throws Exception {
    SampleAwsEndpoint endpoint = serve(BuiltInSamples.folder("broken").orElseThrow());
    List<String> tasks =
        texts(
            call(endpoint, "ListTasks", "{\"cluster\":\"payments-prod\"}").body().get("taskArns"));
    List<String> ids =
        tasks.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).sorted().toList();

    JsonNode events =
        call(
                endpoint,
                "DescribeServices",
                "{\"cluster\":\"payments-prod\",\"services\":[\"statements\"]}")
            .body()
            .get("services")
            .get(0)
            .get("events");

    List<String> messages = events.findValuesAsText("message");
    assertThat(messages.get(0)).isEqualTo("(service statements) has reached a steady state.");
    assertThat(messages.get(messages.size() - 1))
        .matches(
            "\\(service statements\\) has stopped 1 running tasks: \\(task [0-9a-f]{32}\\)\\.");
    assertThat(messages.get(messages.size() - 2))
        .startsWith("(service statements) has started 2 tasks: (task ")
        .contains(ids.get(0))
        .contains(ids.get(1));
    assertThat(messages)
        .contains(
            "(service statements) (deployment ecs-svc/"
                + messages.stream()
                    .filter(m -> m.contains("deployment ecs-svc/"))
                    .findFirst()
                    .orElseThrow()
                    .replaceAll(".*ecs-svc/(\\d+).*", "$1")
                + ") deployment completed.");
    // Newest first, the newest at most six hours old, every one with an id.
    double newest = events.get(0).get("createdAt").asDouble();
    assertThat(newest).isLessThanOrEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(newest).isGreaterThan(CLOCK.instant().getEpochSecond() - 6 * 3600);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).get("createdAt").asDouble())
          .isLessThanOrEqualTo(events.get(i - 1).get("createdAt").asDouble());
      assertThat(events.get(i).get("id").asText()).hasSize(36);
    }
  }

  @Test
  void aHealthyServiceStartedItsTasksAndIsSteady() throws Exception {
    SampleAwsEndpoint endpoint = seed();
    String cluster = texts(call(endpoint, "ListClusters", "{}").body().get("clusterArns")).get(0);
    String service =
        texts(
                call(endpoint, "ListServices", "{\"cluster\":\"" + cluster + "\"}")
                    .body()
                    .get("serviceArns"))
            .get(0);

    JsonNode events =
        call(
                endpoint,
                "DescribeServices",
                "{\"cluster\":\"" + cluster + "\",\"services\":[\"" + service + "\"]}")
            .body()
            .get("services")
            .get(0)
            .get("events");

    assertThat(events.findValuesAsText("message"))
        .allMatch(m -> !m.contains("stopped"))
        .anyMatch(m -> m.endsWith("has reached a steady state."))
        .anyMatch(m -> m.contains(" has started "));
  }

  @Test
  void regionComesFromClusterYamlAndRevisionsCountPerFamily() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(folder.resolve("cluster.yaml"), "name: eu\nregion: eu-west-1\n");
    String definition =
        "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"api\", \"image\": \"api:%s\"}]}";
    Files.writeString(folder.resolve("ecs/api-1.json"), definition.formatted("1"));
    Files.writeString(folder.resolve("ecs/api-2.json"), definition.formatted("2"));
    Files.writeString(
        folder.resolve("ecs/services.yaml"),
        "- {cluster: eu, service: api, taskDefinition: api, desiredCount: 1, serviceConnect: true}\n");
    SampleAwsEndpoint endpoint = serve(folder);

    assertThat(endpoint.region()).isEqualTo("eu-west-1");
    assertThat(endpoint.environment()).containsEntry("AWS_REGION", "eu-west-1");
    JsonNode task =
        call(
                endpoint,
                "DescribeTasks",
                "{\"cluster\":\"eu\",\"tasks\":"
                    + call(endpoint, "ListTasks", "{\"cluster\":\"eu\"}").body().get("taskArns")
                    + "}")
            .body()
            .get("tasks")
            .get(0);
    assertThat(task.get("taskDefinitionArn").asText())
        .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/api:2");
    // ECS adds the Service Connect proxy to the task; the task definition does not declare it.
    assertThat(task.get("containers"))
        .extracting(c -> c.get("name").asText())
        .containsExactly(
            "api",
            "ecs-service-connect-"
                + task.get("taskArn")
                    .asText()
                    .substring(
                        task.get("taskArn").asText().lastIndexOf('/') + 1,
                        task.get("taskArn").asText().lastIndexOf('/') + 6));
  }

  @Test
  void describeTaskDefinitionOutputPastedFromTheCliIsServedAsTheWireCarriesIt() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(
        folder.resolve("ecs/hello.json"),
        """
        {"taskDefinition": {"family": "hello_world", "revision": 8,
          "registeredAt": "2024-06-21T11:15:12.669000-05:00",
          "containerDefinitions": [{"name": "wordpress", "image": "wordpress"}]},
         "tags": [{"key": "team", "value": "web"}]}
        """);
    SampleAwsEndpoint endpoint = serve(folder);

    JsonNode answer =
        call(
                endpoint,
                "DescribeTaskDefinition",
                "{\"taskDefinition\":\"hello_world\",\"include\":[\"TAGS\"]}")
            .body();
    assertThat(answer.get("taskDefinition").get("revision").asInt()).isEqualTo(8);
    assertThat(answer.get("taskDefinition").get("registeredAt").decimalValue())
        .isEqualByComparingTo("1718986512.669");
    assertThat(answer.get("tags").get(0).get("value").asText()).isEqualTo("web");
  }

  @Test
  void serviceNamingAnUnknownTaskDefinitionIsRefusedInOneSentence() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(
        folder.resolve("ecs/services.yaml"),
        "- {cluster: c, service: s, taskDefinition: ghost, desiredCount: 1}\n");

    assertThatThrownBy(() -> SampleAwsEndpoint.forSample(folder))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessage(
            "ecs/services.yaml entry 1 (s) names task definition ghost, which is not in ecs/.");
  }

  @Test
  void aTaskDefinitionThatDoesNotParseIsNamedByFileAndLineWithoutItsText() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(
        folder.resolve("ecs/orders.json"),
        "{\n  \"family\": \"orders\",\n  \"containerDefinitions\": [{\"name\": \"app\",\n"
            + "    \"environment\": [{\"name\": \"TOKEN\", \"value\": plantedSecretToken123XYZ}]}]\n}\n");

    assertThatThrownBy(() -> SampleAwsEndpoint.forSample(folder))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessageContaining("ecs/orders.json line 4")
        .hasMessageNotContaining("plantedSecretToken123XYZ");
  }

  @Test
  void aTaskDefinitionNestedTenThousandDeepIsOnePlainSentence() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(folder.resolve("ecs/deep.json"), "[".repeat(10_000) + "]".repeat(10_000));

    assertThatThrownBy(() -> SampleAwsEndpoint.forSample(folder))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessage("ecs/deep.json nests deeper than 1000 levels, the most Sidescope reads.");
  }

  @Test
  void aLatin1TaskDefinitionIsNamedAsNotUtf8WithTheByteAndItsOffset() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.write(
        folder.resolve("ecs/cafe.json"),
        "{\"family\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> SampleAwsEndpoint.forSample(folder))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessage("ecs/cafe.json is not UTF-8 text (byte 0xE9 at offset 15).");
  }

  @Test
  void aLoneFfByteInTheServicesFileIsNamedAsNotUtf8() throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.write(folder.resolve("ecs/services.yaml"), new byte[] {'-', ' ', (byte) 0xFF, '\n'});

    assertThatThrownBy(() -> SampleAwsEndpoint.forSample(folder))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessage("ecs/services.yaml is not UTF-8 text (byte 0xFF at offset 2).");
  }

  @Test
  void sampleWithoutEcsIsAnAccountWithNoClusters() throws Exception {
    SampleAwsEndpoint endpoint = serve(BuiltInSamples.folder("mesh").orElseThrow());

    assertThat(call(endpoint, "ListClusters", "{}").body().get("clusterArns")).isEmpty();
  }

  @Test
  void ssoPortalHandsRoleCredentialsToAnyBearerToken() throws Exception {
    SampleAwsEndpoint endpoint = seed();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(endpoint.url() + "/federation/credentials?role_name=R&account_id=1"))
                .header("x-amz-sso_bearer_token", "token")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("roleCredentials").get("accessKeyId").asText())
        .isEqualTo(SampleAwsEndpoint.ACCESS_KEY_ID);
  }
}
