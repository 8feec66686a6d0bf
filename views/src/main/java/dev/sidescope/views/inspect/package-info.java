/** What the inspector and the findings list show for a snapshot, credentials masked. Pure. */
package dev.sidescope.views.inspect;
