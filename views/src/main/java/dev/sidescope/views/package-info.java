/**
 * JavaFX views of a {@link dev.sidescope.topology.model.TopologySnapshot}. Views know the model,
 * never a collector or a cloud SDK; only the FX adapters here call {@code Platform.runLater}.
 */
package dev.sidescope.views;
