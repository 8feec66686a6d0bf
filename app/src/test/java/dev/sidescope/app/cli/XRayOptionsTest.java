package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.app.UserError;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class XRayOptionsTest {
  @Command(name = "t")
  static final class Holder {
    @Mixin XRayOptions xray = new XRayOptions();
  }

  private static XRayOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.xray;
  }

  @Test
  void aBareDaemonFlagListensWhereTheXRayDaemonDoes() {
    XRayOptions o = parse("--xray-daemon");
    assertThat(o.daemonAsked()).isTrue();
    assertThat(o.daemonAddress()).hasValue(new InetSocketAddress("127.0.0.1", 2000));
    assertThat(parse("--xray-daemon", "2100").daemonAddress())
        .hasValue(new InetSocketAddress("127.0.0.1", 2100));
    assertThat(parse("--xray-daemon", "localhost:2200").daemonAddress().orElseThrow().getPort())
        .isEqualTo(2200);
  }

  @Test
  void withoutTheFlagNoPortOpensAndTheApiIsWanted() {
    XRayOptions o = parse();
    assertThat(o.daemonAsked()).isFalse();
    assertThat(o.daemonAddress()).isEmpty();
    assertThat(o.apiWanted()).isTrue();
    assertThat(o.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(parse("--no-xray").apiWanted()).isFalse();
  }

  @Test
  void windowsAreSecondsMinutesOrHoursWithinXRaysReach() {
    assertThat(parse("--xray-window", "30s").window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(parse("--xray-window", "15m").window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(parse("--xray-window", "1h").window()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> parse("--xray-window", "7h").window())
        .isInstanceOf(UserError.class)
        .hasMessage(
            "--xray-window takes a duration from 10s to 6h, such as 30s, 5m or 1h, not '7h'.");
    assertThatThrownBy(() -> parse("--xray-window", "soon").window()).isInstanceOf(UserError.class);
    assertThat(parse().refresh()).isEqualTo(Duration.ofSeconds(30));
    assertThat(parse("--xray-refresh", "10s").refresh()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> parse("--xray-refresh", "1s").refresh())
        .hasMessage(
            "--xray-refresh takes a duration from 5s to 1h, such as 30s, 5m or 1h, not '1s'.");
  }

  @Test
  void badAddressesAreOneSentence() {
    assertThatThrownBy(() -> parse("--xray-daemon", "host:port").daemonAddress())
        .hasMessage(
            "--xray-daemon takes [HOST:]PORT, such as 2000 or 127.0.0.1:2000, not 'host:port'.");
    assertThatThrownBy(() -> parse("--xray-daemon", "70000").daemonAddress())
        .hasMessage("--xray-daemon takes a port from 1 to 65535, not 70000.");
    assertThatThrownBy(() -> parse("--xray-forward", "127.0.0.1:2000").forwardAddress())
        .hasMessage("--xray-forward relays what --xray-daemon receives; give both.");
    assertThatThrownBy(
            () -> parse("--xray-daemon", "--xray-forward", "127.0.0.1:2000").forwardAddress())
        .hasMessage("--xray-forward names the daemon port itself; name the real daemon.");
    assertThat(parse("--xray-daemon", "2100", "--xray-forward", "2000").forwardAddress())
        .hasValue(new InetSocketAddress("127.0.0.1", 2000));
  }
}
