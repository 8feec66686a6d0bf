/**
 * The topology picture as data, without the toolkit: where every box, node and arrow goes (ELK
 * layered, laid out whole or kept in place from the previous picture), how each node looks per
 * theme, what changes between two pictures, and the SVG of it. Built on {@link
 * dev.sidescope.topology.picture.TopologyPicture}, so the window and the Mermaid and DOT exports
 * draw the same picture.
 */
package dev.sidescope.views.picture;
