/** Find expressions ({@code order ns:shop kind:envoy finding:CODE platform:ecs}) and matching. */
package dev.sidescope.views.find;
