package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.views.settings.ThemeChoice;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class CopyCommandTest {
  private ConsoleFixture console;

  @Start
  void start(Stage stage) throws Exception {
    console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.LIGHT);
  }

  @AfterEach
  void closeWindow() {
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
  }

  private void selectOnThePicture(String id) {
    await(() -> console.window.model().shown().isPresent());
    onFx(
        () -> {
          console.window.model().setGrouping(Grouping.POD);
          return null;
        });
    await(
        () ->
            console
                .window
                .model()
                .shown()
                .filter(p -> p.snapshot().grouping() == Grouping.POD)
                .isPresent());
    console.settle();
    onFx(
        () -> {
          console.window.model().select(id, false);
          console.window.topologyView().node().requestFocus();
          return null;
        });
    await(() -> console.window.topologyView().node().isFocused());
  }

  private static void copyCommand(FxRobot robot) {
    robot
        .press(KeyCode.CONTROL, KeyCode.SHIFT)
        .type(KeyCode.C)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
  }

  @Test
  void ctrlShiftCShouldCopyTheLogsCommandOfTheContainerSelected(FxRobot robot) {
    selectOnThePicture(SeedSample.ORDER_XRAY);
    copyCommand(robot);
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard)
        .containsExactly(
            "kubectl --context kind-dev -n shop logs order-service-5f7c9-x2k4q -c xray-daemon");
  }

  @Test
  void ctrlCShouldStillCopyThePictureAsMermaid(FxRobot robot) {
    selectOnThePicture(SeedSample.ORDER_XRAY);
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard.get(0)).startsWith("graph LR");
  }

  @Test
  void theInspectorsCopyCommandLinkShouldCopyTheCommandOfTheNodeInspected(FxRobot robot) {
    selectOnThePicture(SeedSample.ORDER_POD);
    onFx(
        () -> {
          console.window.model().inspect();
          return null;
        });
    await(() -> robot.lookup("#inspector-copy-command").tryQuery().isPresent());
    robot.clickOn("#inspector-copy-command");
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard)
        .containsExactly(
            "kubectl --context kind-dev -n shop describe pod order-service-5f7c9-x2k4q");
  }
}
