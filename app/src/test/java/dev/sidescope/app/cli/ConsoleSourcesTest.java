package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.views.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code sidescope} with no arguments, run in-process as a user runs it, with the console on
 * Monocle: the empty state's demo offer, the Sources dialog on a kubeconfig and AWS profiles that
 * point at a sample cluster served on loopback, and the choice remembered for the next start.
 *
 * <p>HOME, KUBECONFIG and the AWS files reach the code only through the environment map passed to
 * {@code Main.run}; the real home directory is never read. {@code DISPLAY} is set in that map
 * because the command checks for a display before opening a window; the window itself draws on
 * Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSourcesTest {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");

  @TempDir Path dir;

  private CompletableFuture<CommandLineRun> running;

  @Start
  void start(Stage stage) {
    // The toolkit runs for the whole test; the console opens its own window on it.
  }

  @AfterEach
  void closeConsole() throws Exception {
    if (running != null && !running.isDone()) {
      closeWindow();
      running.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void noArgumentsWithNothingFoundShouldOfferTheDemoAndOneClickShouldShowTheSeed(FxRobot robot)
      throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Map<String, String> env = Map.of("HOME", home.toString(), "DISPLAY", ":0");

    console(dir.resolve("config"), env);

    Node empty = await(robot, "#nothing-found");
    assertThat(onFx(empty::isVisible)).isTrue();
    String why = onFx(() -> robot.lookup("#nothing-found-why").queryAs(Label.class).getText());
    assertThat(why).contains("No kubeconfig found at " + home.resolve(".kube/config"));
    screenshot(robot, "no-args-nothing-found");

    robot.clickOn("#open-demo");

    awaitFind(robot, "order-service");
    assertThat(onFx(empty::isVisible)).isFalse();
    assertThat(onFx(() -> windowOf(robot).getTitle())).contains("DEMO");
    closeWindow();
    assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isZero();
  }

  @Test
  void sourcesDialogShouldListTheKubeconfigsContextsAndConnectAndBeRememberedNextTime(FxRobot robot)
      throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
      Path kube = Files.createDirectories(dir.resolve("kube"));
      Path seed = server.writeKubeconfig(kube.resolve("seed.yaml"));
      Map<String, String> sample = exports(server.writeEnv(dir.resolve("seed.env")));
      // A second file, first in KUBECONFIG, whose current context points at a closed port.
      Path other = kube.resolve("other.yaml");
      Files.writeString(
          other,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: elsewhere
            cluster: {server: "http://127.0.0.1:1"}
          users:
          - name: elsewhere
            user: {token: "t"}
          contexts:
          - name: elsewhere
            context: {cluster: elsewhere, user: elsewhere}
          current-context: elsewhere
          """);
      Path home = Files.createDirectories(dir.resolve("home"));
      Path aws = Files.createDirectories(home.resolve(".aws"));
      Files.writeString(
          aws.resolve("config"),
          "[profile sample]\nregion = us-east-1\nendpoint_url = "
              + sample.get("AWS_ENDPOINT_URL")
              + "\n\n[profile unreachable]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:1\n");
      String keys =
          "aws_access_key_id = "
              + sample.get("AWS_ACCESS_KEY_ID")
              + "\naws_secret_access_key = "
              + sample.get("AWS_SECRET_ACCESS_KEY")
              + "\n";
      Files.writeString(
          aws.resolve("credentials"), "[sample]\n" + keys + "\n[unreachable]\n" + keys);
      Map<String, String> env =
          Map.of(
              "HOME",
              home.toString(),
              "KUBECONFIG",
              other + java.io.File.pathSeparator + seed,
              "DISPLAY",
              ":0");
      Path config = dir.resolve("config");

      console(config, env);
      await(robot, "#sources-button");
      // Keyboard first: Ctrl+O opens the dialog.
      robot.clickOn("#picture");
      robot.push(KeyCode.CONTROL, KeyCode.O);
      Pane contexts = (Pane) await(robot, "#sources-contexts");
      awaitTrue(() -> boxes(contexts).size() == 2);
      assertThat(onFx(() -> boxes(contexts).stream().map(b -> (String) b.getUserData()).toList()))
          .containsExactly("elsewhere", "seed");
      assertThat(onFx(() -> box(contexts, "elsewhere").isSelected()))
          .as("the context in use is ticked")
          .isTrue();
      screenshot(robot, "sources-dialog");

      // A profile whose endpoint cannot be reached: one sentence, nothing listed.
      onFx(
          () -> {
            box(contexts, "elsewhere").setSelected(false);
            box(contexts, "seed").setSelected(true);
            robot.lookup("#sources-ecs").queryAs(CheckBox.class).setSelected(true);
            profile(robot).setValue("unreachable");
            return null;
          });
      assertThat(onFx(() -> region(robot).getValue())).isEqualTo("eu-west-1");
      robot.clickOn("#sources-list-clusters");
      Label message = robot.lookup("#sources-message").queryAs(Label.class);
      awaitTrue(() -> message.getText().startsWith("Cannot reach ECS"));
      assertThat(onFx(message::getText)).contains("127.0.0.1:1").doesNotContain("Exception");

      // The sample's ECS endpoint: its clusters are listed.
      onFx(
          () -> {
            profile(robot).setValue("sample");
            return null;
          });
      robot.clickOn("#sources-list-clusters");
      Pane clusters = robot.lookup("#sources-clusters").queryAs(Pane.class);
      awaitTrue(() -> !boxes(clusters).isEmpty());
      List<String> listed =
          onFx(() -> boxes(clusters).stream().map(b -> (String) b.getUserData()).toList());
      assertThat(listed).isNotEmpty();

      robot.clickOn("#sources-apply");

      awaitFind(robot, "storefront");
      awaitFind(robot, "platform:ecs");
      closeWindow();
      assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isZero();
      assertThat(new SettingsStore(config).load().settings().sources())
          .hasValueSatisfying(
              c -> {
                assertThat(c.kubeContexts()).containsExactly("seed");
                assertThat(c.awsProfile()).contains("sample");
              });

      // A fresh console with the same config dir starts on the remembered sources, not on the
      // kubeconfig's current context.
      console(config, env);
      awaitFind(robot, "storefront");
      awaitFind(robot, "platform:ecs");
      assertThat(onFx(() -> windowOf(robot).getTitle())).contains("seed").contains("sample");
      assertThat(onFx(() -> robot.lookup("#nothing-found").query().isVisible())).isFalse();
    }
  }

  // ---- running the command

  private void console(Path config, Map<String, String> env) {
    running = CompletableFuture.supplyAsync(() -> CommandLineRun.withEnvironment(config, env));
  }

  private void closeWindow() {
    onFx(
        () -> {
          // The console and its dialog; TestFX's own stage stays.
          for (Window w : List.copyOf(Window.getWindows())) {
            if (w.getScene() != null
                && (w.getScene().lookup("#sources-button") != null
                    || w.getScene().lookup("#sources-dialog") != null)) {
              w.hide();
            }
          }
          return null;
        });
  }

  private static Stage windowOf(FxRobot robot) {
    return (Stage) robot.lookup("#sources-button").query().getScene().getWindow();
  }

  private static Map<String, String> exports(Path envFile) throws Exception {
    Map<String, String> env = new HashMap<>();
    Matcher m = EXPORT.matcher(Files.readString(envFile));
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    return env;
  }

  // ---- looking at the window

  /** Types the query into find until the shown picture has a node that matches it. */
  private static void awaitFind(FxRobot robot, String query) {
    awaitTrue(
        () -> {
          if (robot.lookup("#find").tryQuery().isEmpty()) {
            return false;
          }
          TextField find = robot.lookup("#find").queryAs(TextField.class);
          find.setText("");
          find.setText(query);
          String status = robot.lookup("#status").queryAs(Label.class).getText();
          return status.matches("\\d+ nodes? match\\.");
        });
    onFx(
        () -> {
          robot.lookup("#find").queryAs(TextField.class).setText("");
          return null;
        });
  }

  private static List<CheckBox> boxes(Pane pane) {
    return pane.getChildren().stream()
        .filter(CheckBox.class::isInstance)
        .map(CheckBox.class::cast)
        .toList();
  }

  private static CheckBox box(Pane pane, String name) {
    return boxes(pane).stream().filter(b -> name.equals(b.getUserData())).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static ComboBox<String> profile(FxRobot robot) {
    return robot.lookup("#sources-profile").queryAs(ComboBox.class);
  }

  @SuppressWarnings("unchecked")
  private static ComboBox<String> region(FxRobot robot) {
    return robot.lookup("#sources-region").queryAs(ComboBox.class);
  }

  private static Node await(FxRobot robot, String query) {
    awaitTrue(() -> robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent());
    return robot.lookup(query).query();
  }

  private static void awaitTrue(Supplier<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(
          60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within 60 s", e);
    }
  }

  private static <T> T onFx(Supplier<T> supplier) {
    try {
      return WaitForAsyncUtils.asyncFx(supplier::get).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A picture of every window for a person to look at, in target/screenshots. */
  private static void screenshot(FxRobot robot, String name) throws Exception {
    Optional<String> folder = Optional.ofNullable(System.getProperty("sidescope.screenshots.dir"));
    if (folder.isEmpty()) {
      return;
    }
    // Every queued change applied; snapshot() lays the scene out and draws it itself.
    WaitForAsyncUtils.waitForFxEvents();
    Path out = Files.createDirectories(Path.of(folder.get()));
    List<Window> windows = onFx(() -> List.copyOf(Window.getWindows()));
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      var image = onFx(() -> w.getScene().snapshot(null));
      ImageIO.write(
          SwingFXUtils.fromFXImage(image, null),
          "png",
          out.resolve(name + (i == 0 ? "" : "-" + i) + ".png").toFile());
    }
  }
}
