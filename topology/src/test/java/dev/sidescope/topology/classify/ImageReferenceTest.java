package dev.sidescope.topology.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # reference                                                                        | registry                                      | repository                                   | tag
          nginx                                                                              | -                                             | nginx                                        | -
          nginx:1.27-alpine                                                                  | -                                             | nginx                                        | 1.27-alpine
          docker.io/library/nginx:latest                                                     | docker.io                                     | nginx                                        | latest
          library/nginx                                                                      | -                                             | nginx                                        | -
          docker.io/istio/proxyv2:1.22.0                                                     | docker.io                                     | istio/proxyv2                                | 1.22.0
          gcr.io/istio-release/proxyv2:1.20.0-distroless                                     | gcr.io                                        | istio-release/proxyv2                        | 1.20.0-distroless
          public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod                            | public.ecr.aws                                | appmesh/aws-appmesh-envoy                    | v1.29.6.0-prod
          840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod      | 840364872350.dkr.ecr.us-west-2.amazonaws.com  | aws-appmesh-envoy                            | v1.29.6.0-prod
          919366029133.dkr.ecr.cn-north-1.amazonaws.com.cn/aws-appmesh-envoy:v1.29.6.0-prod  | 919366029133.dkr.ecr.cn-north-1.amazonaws.com.cn | aws-appmesh-envoy                         | v1.29.6.0-prod
          public.ecr.aws/aws-observability/aws-for-fluent-bit:stable                         | public.ecr.aws                                | aws-observability/aws-for-fluent-bit         | stable
          cr.l5d.io/linkerd/proxy:stable-2.14.10                                             | cr.l5d.io                                     | linkerd/proxy                                | stable-2.14.10
          quay.io/prometheuscommunity/postgres-exporter:v0.15.0                              | quay.io                                       | prometheuscommunity/postgres-exporter        | v0.15.0
          ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib:0.98.0 | ghcr.io                       | open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib | 0.98.0
          registry.k8s.io/pause:3.9                                                          | registry.k8s.io                               | pause                                        | 3.9
          localhost:5000/team/app:dev                                                        | localhost:5000                                | team/app                                     | dev
          localhost/app                                                                      | localhost                                     | app                                          | -
          quay.io/library/nginx                                                              | quay.io                                       | library/nginx                                | -
          Amazon/AWS-XRay-Daemon:Latest                                                      | -                                             | amazon/aws-xray-daemon                       | Latest
          <repository_uri_service_a>                                                         | -                                             | <repository_uri_service_a>                   | -
          """)
  void splitsRegistryRepositoryAndTag(
      String reference, String registry, String repository, String tag) {
    ImageReference image = ImageReference.parse(reference);

    assertThat(image.registry()).isEqualTo(Optional.ofNullable(registry));
    assertThat(image.repository()).isEqualTo(repository);
    assertThat(image.tag()).isEqualTo(Optional.ofNullable(tag));
  }

  @Test
  void digestIsSplitOffWithTheTagKept() {
    ImageReference image =
        ImageReference.parse(
            "gcr.io/datadoghq/agent:7.52.0@sha256:"
                + "4c1e997385b8fb4ad4d1d3c7e5af7ff3f882e94d07cf5b78de9e889bc60830e6");

    assertThat(image.repository()).isEqualTo("datadoghq/agent");
    assertThat(image.tag()).contains("7.52.0");
    assertThat(image.digest())
        .contains("sha256:4c1e997385b8fb4ad4d1d3c7e5af7ff3f882e94d07cf5b78de9e889bc60830e6");
  }

  @Test
  void digestWithoutTagLeavesNoTag() {
    ImageReference image = ImageReference.parse("amazon/aws-xray-daemon@sha256:0123abcd");

    assertThat(image.repository()).isEqualTo("amazon/aws-xray-daemon");
    assertThat(image.tag()).isEmpty();
    assertThat(image.digest()).contains("sha256:0123abcd");
  }

  @Test
  void namespaceAndNameSplitAtTheLastSlash() {
    ImageReference image =
        ImageReference.parse("gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.0");

    assertThat(image.namespace()).isEqualTo("cloud-sql-connectors");
    assertThat(image.name()).isEqualTo("cloud-sql-proxy");
  }

  @Test
  void repositoryWithoutNamespaceHasAnEmptyNamespace() {
    ImageReference image =
        ImageReference.parse(
            "906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:stable");

    assertThat(image.namespace()).isEmpty();
    assertThat(image.name()).isEqualTo("aws-for-fluent-bit");
  }

  @Test
  void emptyReferenceHasAnEmptyRepository() {
    ImageReference image = ImageReference.parse("");

    assertThat(image.repository()).isEmpty();
    assertThat(image.registry()).isEmpty();
    assertThat(image.tag()).isEmpty();
  }
}
