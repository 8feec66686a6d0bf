package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.app.Main;
import dev.sidescope.app.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EnvoyOptionsTest {
  @TempDir Path dir;

  @Command(name = "t")
  static final class Holder {
    @Mixin EnvoyOptions envoy = new EnvoyOptions();
  }

  private static EnvoyOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.envoy;
  }

  @Test
  void adminAddressesAreHttpHostAndPortWithASchemeAddedWhereLeftOut() {
    EnvoyOptions o = parse("--envoy-admin", "127.0.0.1:9901", "--envoy-admin", "http://h:15000/");
    assertThat(o.adminsGiven()).isTrue();
    assertThat(o.discoveredWanted()).isFalse();
    assertThat(o.adminUrls())
        .containsExactly(URI.create("http://127.0.0.1:9901"), URI.create("http://h:15000"));
    assertThat(parse("--envoy-stats").discoveredWanted()).isTrue();
    assertThat(parse().adminsGiven()).isFalse();
  }

  @Test
  void anythingElseIsOneSentence() {
    for (String bad :
        new String[] {"ftp://h:21", "http://h", "http://h:9901/stats", "http://h:9901?x=1", "::"}) {
      assertThatThrownBy(() -> parse("--envoy-admin", bad).adminUrls())
          .as(bad)
          .isInstanceOf(UserError.class)
          .hasMessage(
              "--envoy-admin takes an admin address such as http://127.0.0.1:9901, not '"
                  + bad
                  + "'.");
    }
  }

  @Test
  void aBadAdminAddressOnTheCommandLineIsExitCodeTwoBeforeAnythingStarts() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "--config-dir", dir.toString(), "snapshot", "--envoy-admin", "ftp://h:21"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of("HOME", dir.toString()));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines())
        .singleElement()
        .asString()
        .startsWith("sidescope: --envoy-admin takes an admin address");
  }
}
