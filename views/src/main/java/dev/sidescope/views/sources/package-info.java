/**
 * Choosing where the console's picture comes from: what can be chosen ({@link
 * dev.sidescope.views.sources.SourceOffer}), what was chosen ({@link
 * dev.sidescope.views.sources.SourceChoice}) and the port the app implements to read the offer and
 * connect ({@link dev.sidescope.views.sources.SourceCatalog}). Plain values and an interface: no
 * JavaFX, no collector, no SDK.
 */
package dev.sidescope.views.sources;
