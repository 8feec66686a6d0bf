package dev.sidescope.topology.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.findings.XRayDaemonAddress.Endpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XRayDaemonAddressTest {

  @Test
  void hostAndPortServeBothProtocols() {
    assertThat(XRayDaemonAddress.parse("127.0.0.1:2000"))
        .contains(
            new XRayDaemonAddress(List.of(new Endpoint(Optional.empty(), "127.0.0.1", 2000))));
  }

  @Test
  void separateUdpAndTcpAddressesAreReadInEitherOrder() {
    assertThat(XRayDaemonAddress.parse("tcp:xray:2001  udp:127.0.0.1:2000"))
        .contains(
            new XRayDaemonAddress(
                List.of(
                    new Endpoint(Optional.of("tcp"), "xray", 2001),
                    new Endpoint(Optional.of("udp"), "127.0.0.1", 2000))));
  }

  @Test
  void bracketedIpv6HostIsRead() {
    assertThat(XRayDaemonAddress.parse("[::1]:2000"))
        .map(a -> a.endpoints().get(0).hostPort())
        .contains("[::1]:2000");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xray-daemon",
        "xray-daemon:",
        ":2000",
        "xray-daemon:udp",
        "xray-daemon:70000",
        "udp:127.0.0.1:2000 127.0.0.1:2000",
        "udp:a:1 tcp:b:2 udp:c:3",
        "[::1]2000"
      })
  void valuesTheSdkCannotReadAreRejected(String value) {
    assertThat(XRayDaemonAddress.parse(value)).isEmpty();
  }
}
