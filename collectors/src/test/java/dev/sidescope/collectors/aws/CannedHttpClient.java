package dev.sidescope.collectors.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK transport that answers from memory: the SDK marshals each request and unmarshals each
 * answer exactly as it does over the network, with no socket in between. Thread-safe.
 */
public final class CannedHttpClient implements SdkHttpClient {

  /** A request as it would have gone over the wire. */
  public record Call(SdkHttpRequest request, String body) {
    /** The {@code X-Amz-Target} operation, e.g. {@code DescribeTasks}; the path otherwise. */
    public String operation() {
      return request
          .firstMatchingHeader("X-Amz-Target")
          .map(t -> t.substring(t.indexOf('.') + 1))
          .orElse(request.encodedPath());
    }
  }

  /** An answer: status and JSON body. */
  public record Answer(int status, String body) {
    public static Answer ok(String body) {
      return new Answer(200, body);
    }

    public static Answer error(int status, String type, String message) {
      return new Answer(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
  }

  private final Function<Call, Answer> answers;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public CannedHttpClient(Function<Call, Answer> answers) {
    this.answers = answers;
  }

  /** Every call made so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        String body = "";
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream in = request.contentStreamProvider().get().newStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        Call call = new Call(request.httpRequest(), body);
        calls.add(call);
        Answer answer = answers.apply(call);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(answer.status())
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("Content-Length", String.valueOf(bytes.length))
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}

  /**
   * A payload as the AWS CLI prints it, turned back into what the wire carried: the CLI shows
   * timestamps as ISO-8601 text ({@code cli_timestamp_format = iso8601}), AWS JSON 1.1 sends epoch
   * seconds.
   */
  public static String wire(String cliOutput) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.JsonNode tree = json.readTree(cliOutput);
      epochSeconds(tree);
      return json.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void epochSeconds(com.fasterxml.jackson.databind.JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        com.fasterxml.jackson.databind.JsonNode value = object.get(name);
        if (value.isTextual() && name.endsWith("At")) {
          try {
            java.time.Instant t = java.time.OffsetDateTime.parse(value.asText()).toInstant();
            object.put(name, java.math.BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3));
          } catch (java.time.format.DateTimeParseException notATimestamp) {
            // Leave it as it is.
          }
        } else {
          epochSeconds(value);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(CannedHttpClient::epochSeconds);
    }
  }

  /** Reads a test resource as text. */
  public static String resource(String path) {
    try (InputStream in = CannedHttpClient.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
