package dev.sidescope.collectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ApiFailuresTest {
  private static final String SERVER = "https://10.0.0.1:6443/";
  private static final Optional<ApiFailures.Operation> LIST_PODS_IN_SHOP =
      Optional.of(new ApiFailures.Operation("list", "pods", Optional.of("shop")));

  @Test
  void aRefusedConnectionNamesTheServer() {
    Throwable failure =
        new CompletionException(
            new KubernetesClientException("An error has occurred.", new ConnectException()));

    assertThat(describe(failure)).isEqualTo("connection refused to https://10.0.0.1:6443");
  }

  @Test
  void aRejectedTokenIsUnauthorized() {
    assertThat(describe(status(401, "Unauthorized")))
        .isEqualTo("unauthorized: the token was rejected");
    assertThat(ApiFailures.describe(status(401, "Unauthorized"), SERVER, false, Optional.empty()))
        .isEqualTo("unauthorized: the credentials were rejected");
  }

  @Test
  void aForbiddenListSaysWhatWasForbidden() {
    assertThat(describe(status(403, "Forbidden")))
        .isEqualTo("forbidden: list pods in namespace shop");
    assertThat(
            ApiFailures.describe(
                status(403, "Forbidden"),
                SERVER,
                true,
                Optional.of(new ApiFailures.Operation("list", "pods", Optional.empty()))))
        .isEqualTo("forbidden: list pods cluster-wide");
  }

  @Test
  void networkFailuresSayWhatHappened() {
    assertThat(describe(new KubernetesClientException("x", new UnknownHostException("api.gone"))))
        .isEqualTo("cannot resolve the host 10.0.0.1");
    assertThat(describe(new KubernetesClientException("x", new HttpConnectTimeoutException("t"))))
        .isEqualTo("timed out connecting to https://10.0.0.1:6443");
    assertThat(
            describe(
                new KubernetesClientException(
                    "x", new SSLHandshakeException("PKIX path building failed\nmore"))))
        .isEqualTo(
            "the TLS handshake with https://10.0.0.1:6443 failed: PKIX path building failed");
  }

  @Test
  void aServerErrorGivesItsCode() {
    assertThat(describe(status(503, "ServiceUnavailable")))
        .isEqualTo("the API server at https://10.0.0.1:6443 answered 503 (ServiceUnavailable)");
  }

  private static String describe(Throwable failure) {
    return ApiFailures.describe(failure, SERVER, true, LIST_PODS_IN_SHOP);
  }

  private static KubernetesClientException status(int code, String reason) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withReason(reason).withMessage(reason).build());
  }
}
