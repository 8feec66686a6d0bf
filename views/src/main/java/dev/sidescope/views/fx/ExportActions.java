package dev.sidescope.views.fx;

import dev.sidescope.topology.export.DotExporter;
import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.export.MermaidExporter;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.ExportFileChooser;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.ConsoleViewModel;
import dev.sidescope.views.console.NextCommand;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.SvgWriter;
import dev.sidescope.views.settings.ExportFolder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Export of what the console shows: to a file the person chooses as PNG (the whole picture as
 * drawn, with the legend under it), SVG, Mermaid or DOT, and Mermaid to the clipboard. The image is
 * taken on the FX thread; encoding and writing run on the I/O thread; the sentence saying how it
 * went comes back to the FX thread and goes to the view model's status line.
 *
 * <p>Call it on the FX thread.
 */
final class ExportActions {
  private final ConsoleViewModel model;
  private final TopologyView view;
  private final ExportFileChooser chooser;
  private final TextClipboard clipboard;
  private final Executor io;
  private final Executor fx;
  private final Supplier<Window> owner;

  /**
   * @param io where files are written
   * @param fx back onto the FX thread
   * @param owner the window the file chooser belongs to
   */
  ExportActions(
      ConsoleViewModel model,
      TopologyView view,
      ConsoleOptions options,
      Executor io,
      Executor fx,
      Supplier<Window> owner) {
    this.model = model;
    this.view = view;
    this.io = io;
    this.fx = fx;
    this.owner = owner;
    this.chooser = options.fileChooser().orElseGet(() -> this::chooseWithDialog);
    this.clipboard = options.clipboard().orElseGet(() -> ExportActions::toSystemClipboard);
  }

  void export(ExportFormat format) {
    Optional<LaidOutPicture> shown = model.shown();
    if (shown.isEmpty()) {
      model.say("Nothing to export yet.");
      return;
    }
    Optional<Path> target = chooser.choose(format, "sidescope-topology." + format.extension());
    if (target.isEmpty()) {
      return;
    }
    Path path = target.get();
    LaidOutPicture picture = shown.get();
    Set<String> hidden = model.hidden();
    PicturePalette palette = PicturePalette.of(model.theme().get(), model.trafficThresholds());
    // The image is taken here, on the FX thread; encoding and writing happen on the I/O thread.
    WritableImage image = format == ExportFormat.PNG ? pictureWithLegend(palette) : null;
    io.execute(
        () -> {
          String said;
          boolean written = true;
          try {
            switch (format) {
              case PNG -> {
                BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
                ImageIO.write(buffered, "png", path.toFile());
              }
              case SVG -> write(path, SvgWriter.write(picture, palette, hidden));
              case MERMAID -> write(path, new MermaidExporter().export(picture.snapshot()));
              case DOT -> write(path, new DotExporter().export(picture.snapshot()));
              case JSON -> write(path, new JsonExporter().export(picture.snapshot()));
            }
            said = "Exported " + format.description() + " to " + path + ".";
          } catch (IOException | RuntimeException ex) {
            said = "Could not write " + path + ": " + ex.getMessage();
            written = false;
          }
          String sentence = said;
          boolean remember = written;
          fx.execute(
              () -> {
                model.say(sentence);
                // The next export's dialog opens where this one went.
                if (remember && path.toAbsolutePath().getParent() != null) {
                  model.exportedTo(path.toAbsolutePath().getParent());
                }
              });
        });
  }

  /**
   * The whole picture, not only the part in view, with the legend shown under the picture below it,
   * so that the colours and dashes of the file can be read. On the FX thread.
   */
  private WritableImage pictureWithLegend(PicturePalette palette) {
    WritableImage picture = view.wholePicture().orElseGet(view::snapshot);
    javafx.scene.Node legend =
        view.node().getScene() == null ? null : view.node().getScene().lookup("#legend");
    if (legend == null || !legend.isVisible() || legend.getLayoutBounds().getHeight() < 1) {
      return picture;
    }
    WritableImage key = legend.snapshot(null, null);
    double w = Math.max(picture.getWidth(), key.getWidth());
    double h = picture.getHeight() + key.getHeight();
    javafx.scene.canvas.Canvas both = new javafx.scene.canvas.Canvas(w, h);
    javafx.scene.canvas.GraphicsContext g = both.getGraphicsContext2D();
    g.setFill(javafx.scene.paint.Color.web(palette.background()));
    g.fillRect(0, 0, w, h);
    g.drawImage(picture, 0, 0);
    g.drawImage(key, 0, picture.getHeight());
    return both.snapshot(null, null);
  }

  private static void write(Path path, String text) throws IOException {
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  void copyMermaid() {
    model
        .shown()
        .ifPresent(
            p -> {
              clipboard.put(new MermaidExporter().export(p.snapshot()));
              model.say("Copied the picture as Mermaid.");
            });
  }

  /**
   * Copies the kubectl or AWS CLI command to run next for the node selected ({@link NextCommand});
   * says so when that node has none, or nothing is selected.
   */
  void copyCommand() {
    Optional<String> selected = model.selection().get();
    Optional<String> command = selected.flatMap(this::commandFor);
    if (command.isPresent()) {
      copyCommand(command.get());
    } else if (selected.isEmpty()) {
      model.say("Select a pod, task or container to copy a command for it.");
    } else {
      model.say("No command to copy for this node.");
    }
  }

  /** Copies a command, the inspector's "Copy command" link's. */
  void copyCommand(String command) {
    clipboard.put(command);
    model.say("Copied: " + command);
  }

  /** The command to run next for a node of the picture shown, where it has one. */
  Optional<String> commandFor(String nodeId) {
    return model.shown().flatMap(p -> NextCommand.forNode(p.snapshot(), nodeId));
  }

  /**
   * Copies the findings selected as text, a line each ({@link #findingsText}); the picture as
   * Mermaid when none is.
   */
  void copyFindings(List<FindingRow> selected) {
    if (selected.isEmpty()) {
      copyMermaid();
      return;
    }
    clipboard.put(findingsText(selected));
    model.say(
        selected.size() == 1
            ? "Copied the finding."
            : "Copied the " + selected.size() + " findings selected.");
  }

  /**
   * Findings as text to paste into a ticket or a chat, a line each: severity, code, where, and the
   * sentence, e.g. {@code error XRAY_DAEMON_NO_ROLE shop/order-5f7c9-x2k4q/xray-daemon: The X-Ray
   * daemon cannot…}.
   */
  static String findingsText(List<FindingRow> rows) {
    StringBuilder out = new StringBuilder();
    for (FindingRow r : rows) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(r.severity().wireName())
          .append(' ')
          .append(r.code())
          .append(' ')
          .append(r.where())
          .append(": ")
          .append(oneLine(r.message()));
    }
    return out.toString();
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private Optional<Path> chooseWithDialog(ExportFormat format, String suggestedName) {
    FileChooser dialog = new FileChooser();
    dialog.setTitle("Export " + format.description());
    // Where the last export went, else the Pictures folder, else home: not the working directory.
    File folder = ExportFolder.initial(model.settings().exportFolder()).toFile();
    if (folder.isDirectory()) {
      dialog.setInitialDirectory(folder);
    }
    dialog.setInitialFileName(suggestedName);
    dialog
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.description(), "*." + format.extension()));
    return Optional.ofNullable(dialog.showSaveDialog(owner.get())).map(File::toPath);
  }

  static void toSystemClipboard(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }
}
