package dev.sidescope.views.fx;

import dev.sidescope.views.inspect.Inspection;
import dev.sidescope.views.picture.PicturePalette;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Shows an {@link Inspection}: the selected node's containers and findings. FX thread only. */
final class InspectorPane extends ScrollPane {
  private final VBox content = new VBox(8);
  private final Label title = new Label("Nothing selected");
  private final Label subtitle = new Label("Click a node, or move with the arrow keys.");

  private Consumer<String> onPreviousLogs = id -> {};
  private Consumer<String> onCopyCommand = command -> {};

  /** Which node the inspector shows (its title and subtitle), to scroll up when another comes. */
  private Optional<String> shownNode = Optional.empty();

  /** Where a link to a container's previous run goes: the Logs tab. */
  void onPreviousLogs(Consumer<String> handler) {
    this.onPreviousLogs = handler;
  }

  /** Where the "Copy command" link sends the command of the node shown: the clipboard. */
  void onCopyCommand(Consumer<String> handler) {
    this.onCopyCommand = handler;
  }

  InspectorPane() {
    setId("inspector");
    setFitToWidth(true);
    setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    content.setPadding(new Insets(10));
    title.setId("inspector-title");
    title.getStyleClass().add("title-4");
    title.setWrapText(true);
    subtitle.getStyleClass().add("text-muted");
    subtitle.setWrapText(true);
    content.getChildren().addAll(title, subtitle);
    setContent(content);
  }

  /**
   * Shows what is known of a node. Another node than the one shown starts at the top, its name and
   * sentence in view; the same node again (a live update) keeps where the person scrolled to.
   */
  void show(Optional<Inspection> inspection) {
    show(inspection, Optional.empty());
  }

  /**
   * Shows what is known of a node and, when it has one, a link that copies the command to run next
   * about it (the key Ctrl+Shift+C does the same for the node selected).
   */
  void show(Optional<Inspection> inspection, Optional<String> command) {
    // A node's title and subtitle name it: a container with its pod, a pod or an outside node
    // with its namespace or id.
    Optional<String> node = inspection.map(i -> i.title() + "\n" + i.subtitle());
    if (!node.equals(shownNode)) {
      shownNode = node;
      setVvalue(getVmin());
    }
    content.getChildren().setAll(title, subtitle);
    if (inspection.isEmpty()) {
      title.setText("Nothing selected");
      subtitle.setText("Click a node, or move with the arrow keys.");
      return;
    }
    Inspection i = inspection.get();
    title.setText(i.title());
    subtitle.setText(i.subtitle());
    command.ifPresent(
        c -> {
          Hyperlink copy = new Hyperlink("Copy command");
          copy.setId("inspector-copy-command");
          copy.setTooltip(new Tooltip(c));
          copy.setOnAction(e -> onCopyCommand.accept(c));
          content.getChildren().add(copy);
        });
    if (!i.findings().isEmpty()) {
      VBox findings = new VBox(4);
      findings.setId("inspector-findings");
      for (Inspection.FindingLine f : i.findings()) {
        Label l =
            new Label(f.severity().wireName().toUpperCase() + "  " + f.code() + "\n" + f.message());
        l.setWrapText(true);
        l.setMinWidth(0);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().addAll("inspector-finding", "finding-" + f.severity().wireName());
        l.setStyle(
            "-fx-border-color: "
                + PicturePalette.severity(f.severity())
                + "; -fx-border-width: 0 0 0 3; -fx-padding: 2 0 2 6;");
        findings.getChildren().add(l);
        f.previousLogs()
            .ifPresent(
                id -> {
                  Hyperlink logs = new Hyperlink("Logs of the run before the last restart");
                  logs.setId("inspector-previous-logs");
                  logs.setOnAction(e -> onPreviousLogs.accept(id));
                  findings.getChildren().add(logs);
                });
      }
      content.getChildren().add(findings);
    }
    int index = 0;
    for (Inspection.Section s : i.sections()) {
      GridPane grid = new GridPane();
      grid.setHgap(10);
      grid.setVgap(3);
      // The names read whole: the values wrap instead.
      ColumnConstraints labels = new ColumnConstraints();
      labels.setMinWidth(Region.USE_PREF_SIZE);
      ColumnConstraints values = new ColumnConstraints();
      values.setHgrow(Priority.ALWAYS);
      values.setMinWidth(0);
      grid.getColumnConstraints().addAll(labels, values);
      int row = 0;
      for (Inspection.Row r : s.rows()) {
        Label v = new Label(r.value());
        v.setWrapText(true);
        v.setMinWidth(0);
        v.setMaxWidth(Double.MAX_VALUE);
        v.getStyleClass().add("inspector-value");
        v.setUserData(r.label());
        int space = r.label().indexOf(' ');
        if (r.label().length() > LONG_LABEL && space > 0) {
          // "env AWS_XRAY_DAEMON_ADDRESS": the kind in the names' column, the name whole above its
          // value in the values' column, rather than every value squeezed beside the longest name.
          Label kind = label(r.label().substring(0, space));
          Label name = new Label(r.label().substring(space + 1));
          name.getStyleClass().addAll("text-muted", "inspector-name");
          name.setWrapText(true);
          name.setMinWidth(0);
          grid.addRow(row++, kind, name);
          grid.add(v, 1, row++);
        } else {
          grid.addRow(row++, label(r.label()), v);
        }
      }
      TitledPane pane = new TitledPane(s.title(), grid);
      pane.setMinWidth(0);
      pane.getStyleClass().add("inspector-section");
      // The pod and the selected (first) container open, the others folded.
      pane.setExpanded(index < 2 || i.sections().size() <= 3);
      index++;
      content.getChildren().add(pane);
    }
  }

  /**
   * Past this many characters a row's label goes on a line of its own (an environment variable's).
   */
  private static final int LONG_LABEL = 12;

  private static Label label(String text) {
    Label k = new Label(text);
    k.setMinWidth(Region.USE_PREF_SIZE);
    k.getStyleClass().add("text-muted");
    // An arrow's value runs over several lines (a figure by source on each): label at the top.
    GridPane.setValignment(k, VPos.TOP);
    return k;
  }

  String titleText() {
    return title.getText();
  }
}
