/** What the source bar says about each source. Pure. */
package dev.sidescope.views.status;
