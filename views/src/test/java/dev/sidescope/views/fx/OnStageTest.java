package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A TestFX test that shows things on the stage TestFX made for it (the one its {@code @Start}
 * methods would be given), closed after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class OnStageTest {
  Stage stage;

  @BeforeEach
  void takeStage() {
    stage = FxToolkit.toolkitContext().getRegisteredStage();
  }

  @AfterEach
  void closeStage() {
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }
}
