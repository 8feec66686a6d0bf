package dev.sidescope.collectors.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.topology.model.proxy.ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EnvoyServerInfoTest {

  @Test
  void theFrontProxysServerInfoGivesItsClusterNameStateReleaseAndUptime() throws Exception {
    String json =
        Files.readString(
            RepositoryFolders.fixtures().resolve("envoy/server_info_front_proxy_1.15.json"));
    ProxyServer server = EnvoyServerInfo.read(json, "fallback");

    assertThat(server.name()).isEqualTo("front-proxy"); // service_node is empty
    assertThat(server.state()).isEqualTo("LIVE");
    assertThat(server.live()).isTrue();
    assertThat(server.version()).hasValue("1.15.0-dev");
    assertThat(server.uptimeSeconds()).isEqualTo(OptionalLong.of(188));
  }

  @Test
  void theNodeIdNamesTheServerBeforeTheCommandLine() throws Exception {
    ProxyServer server =
        EnvoyServerInfo.read(
            "{\"state\": \"DRAINING\", \"node\": {\"id\": \"sidecar~10.0.0.7~order.shop\"},"
                + " \"command_line_options\": {\"service_cluster\": \"order\"}}",
            "fallback");
    assertThat(server.name()).isEqualTo("sidecar~10.0.0.7~order.shop");
    assertThat(server.live()).isFalse();
    assertThat(server.version()).isEmpty();
  }

  @Test
  void anEnvoyNamedNowhereTakesTheFallbackName() throws Exception {
    assertThat(EnvoyServerInfo.read("{\"state\": \"LIVE\"}", "shop/order-1").name())
        .isEqualTo("shop/order-1");
  }

  @Test
  void somethingElseIsOneShortReason() {
    assertThatThrownBy(() -> EnvoyServerInfo.read("<html>502</html>", "x"))
        .isInstanceOf(IOException.class)
        .hasMessage("its /server_info is not JSON");
    assertThatThrownBy(() -> EnvoyServerInfo.read("{\"hello\": 1}", "x"))
        .isInstanceOf(IOException.class)
        .hasMessage("its /server_info has no state");
  }
}
