package dev.sidescope.collectors.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.topology.model.proxy.ConfigTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Envoy's {@code /config_dump} as a tree with every secret redacted: the real dumps of
 * fixtures/envoy, and a dump with secrets planted in every place a secret hides.
 */
class EnvoyConfigDumpTest {
  private static final Path ENVOY = RepositoryFolders.fixtures().resolve("envoy");

  private static ConfigTree read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return EnvoyConfigDump.read(in, 64 << 20);
    }
  }

  private static ConfigTree read(String json) throws IOException {
    return EnvoyConfigDump.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 1 << 20);
  }

  private static void walk(ConfigTree node, Consumer<ConfigTree> visit) {
    visit.accept(node);
    node.children().forEach(c -> walk(c, visit));
  }

  /** Every leaf's text, keys included. */
  private static List<String> texts(ConfigTree tree) {
    List<String> out = new ArrayList<>();
    walk(
        tree,
        n -> {
          out.add(n.key());
          n.value().ifPresent(out::add);
        });
    return out;
  }

  private static Optional<ConfigTree> find(ConfigTree tree, String key) {
    List<ConfigTree> found = new ArrayList<>();
    walk(
        tree,
        n -> {
          if (n.key().equals(key)) {
            found.add(n);
          }
        });
    return found.stream().findFirst();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "config_dump_istio_sidecar_eds.json",
        "config_dump_istio_sidecar_productpage.json",
        "config_dump_istio_waypoint_1.21.json",
        "config_dump_kuma_sidecar.json"
      })
  void aRealDumpReadsWholeAndKeepsNoKeyMaterialTokenOrPem(String file) throws Exception {
    ConfigTree tree = read(ENVOY.resolve(file));
    String raw = Files.readString(ENVOY.resolve(file));

    assertThat(tree.children()).isNotEmpty();
    assertThat(texts(tree))
        .noneMatch(t -> t.contains("-----BEGIN"))
        .noneMatch(t -> t.startsWith("LS0tLS1CRUdJTi"))
        .noneMatch(t -> t.startsWith("eyJ"));
    // What is no secret stays: the @type of each section of the dump.
    assertThat(texts(tree)).anyMatch(t -> t.startsWith("type.googleapis.com/envoy.admin."));
    assertThat(raw).contains("type.googleapis.com/envoy.admin.");
  }

  @Test
  void theKumaSidecarsAuthorizationMetadataAndCertificatesAreRedactedButNamesStay()
      throws Exception {
    ConfigTree tree = read(ENVOY.resolve("config_dump_kuma_sidecar.json"));
    List<String> texts = texts(tree);

    assertThat(texts).contains("authorization", ConfigTree.REDACTED);
    assertThat(String.join("\n", texts))
        .doesNotContain(
            "PrKwnx-EuKkIxpppTgdKzGqE3sPCyv2QDsLXW0EDkTfSzo3Rr39W1IXK3nEKSSDSX59QTzik7I");
    assertThat(texts).contains("ads_cluster"); // a cluster name is no secret
  }

  @Test
  void theWaypointsSecretsKeepTheirNamesAndLoseTheirBytes() throws Exception {
    ConfigTree tree = read(ENVOY.resolve("config_dump_istio_waypoint_1.21.json"));
    ConfigTree secret = find(tree, "secret").orElseThrow();

    assertThat(find(secret, "name").flatMap(ConfigTree::value)).isPresent();
    List<String> bytes = new ArrayList<>();
    walk(
        secret,
        n -> {
          if (n.key().equals("inline_bytes")) {
            bytes.add(n.value().orElse(""));
          }
        });
    assertThat(bytes).isNotEmpty().containsOnly(ConfigTree.REDACTED);
    // A format string under a listener is no secret, though it is an inline_string.
    assertThat(texts(tree))
        .contains("%FILTER_STATE(envoy.filters.listener.original_dst.local_ip:PLAIN)%");
  }

  private static final String PEM_KEY =
      "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlci1zZXJ2aWNlIn0.c2lnbmF0dXJlLXBsYW50ZWQtaGVyZQ";
  private static final String LONG_BASE64 =
      "Zm9vYmFyU2VjcmV0VmFsdWVQbGFudGVkSW5UaGVEdW1wMTIzNDU2Nzg5";

  @Test
  void secretsPlantedInEveryHidingPlaceAreAllRedacted() throws Exception {
    String dump =
        """
        {"configs": [
          {"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump",
           "bootstrap": {"node": {"id": "sidecar~10.0.0.1~order-service.shop~shop.svc.cluster.local"},
             "static_resources": {"clusters": [{"name": "xds-grpc",
               "transport_socket": {"typed_config": {"common_tls_context": {
                 "tls_certificates": [{"certificate_chain": {"inline_string": "chain-planted-1"},
                                       "private_key": {"inline_string": "%s"}}]}}}}]}}},
          {"@type": "type.googleapis.com/envoy.admin.v3.SecretsConfigDump",
           "dynamic_active_secrets": [{"name": "default", "secret": {"name": "default",
             "generic_secret": {"secret": {"inline_bytes": "c2VjcmV0LXBsYW50ZWQtMg=="}},
             "tls_certificate": {"private_key": {"inline_bytes": "planted-3-key-bytes"}}}}]},
          {"@type": "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
           "filters": [{"name": "envoy.filters.http.oauth2", "typed_config": {
             "credentials": {"client_id": "shop", "token_secret": {"name": "token"}},
             "client_secret": "planted-4-client-secret",
             "password": "planted-5-password",
             "api_key": "planted-6-api-key",
             "db-Password": "planted-7-password",
             "session_token": "planted-8-session",
             "request_headers_to_add": [{"header": {"key": "Authorization", "value": "Bearer planted-9"}},
                                        {"header": {"key": "x-api-key", "value": "planted-10"}},
                                        {"header": {"key": "x-shop", "value": "shown-1"}}],
             "initial_metadata": [{"key": "authorization", "value": "%s"}],
             "stray": "%s",
             "another": "%s",
             "token": 12345678901}}]}
        ]}
        """
            .formatted(PEM_KEY, JWT, JWT, LONG_BASE64);
    ConfigTree tree = read(dump);
    String all = String.join("\n", texts(tree));

    assertThat(all)
        .doesNotContain("BEGIN PRIVATE KEY")
        .doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7")
        .doesNotContain("eyJhbGciOiJIUzI1NiJ9")
        .doesNotContain(LONG_BASE64)
        .doesNotContain("chain-planted-1")
        .doesNotContain("c2VjcmV0LXBsYW50ZWQtMg==")
        .doesNotContain("12345678901");
    for (int i = 3; i <= 10; i++) {
      assertThat(all).as("planted secret %d", i).doesNotContain("planted-" + i);
    }
    assertThat(all)
        .contains("shown-1")
        .contains("sidecar~10.0.0.1~order-service.shop~shop.svc.cluster.local")
        .contains("envoy.filters.http.oauth2")
        .contains(ConfigTree.REDACTED);
  }

  @Test
  void aHexDigestAndAClusterNameAreNotTakenForSecrets() {
    assertThat(EnvoyConfigDump.looksSecret("093e2ffe046313242144d0431f1bb5cf18d82544")).isFalse();
    assertThat(EnvoyConfigDump.looksSecret("outbound|9080||reviews.default.svc.cluster.local"))
        .isFalse();
    assertThat(EnvoyConfigDump.looksSecret(LONG_BASE64)).isTrue();
    assertThat(EnvoyConfigDump.looksSecret(JWT)).isTrue();
  }

  @Test
  void aDumpThatIsNotJsonIsOneSentence() {
    assertThatThrownBy(() -> read("<html>proxy error</html>"))
        .isInstanceOf(IOException.class)
        .hasMessage("its /config_dump is not JSON");
    assertThatThrownBy(() -> read("{\"configs\": [ {\"a\": "))
        .isInstanceOf(IOException.class)
        .hasMessage("its /config_dump is not JSON");
  }

  @Test
  void aDumpLongerThanTheCapIsRefusedNotCutShort() {
    byte[] big = ("{\"a\": \"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EnvoyConfigDump.read(new ByteArrayInputStream(big), 1000))
        .isInstanceOf(IOException.class)
        .hasMessage("its /config_dump is larger than Sidescope reads");
  }
}
