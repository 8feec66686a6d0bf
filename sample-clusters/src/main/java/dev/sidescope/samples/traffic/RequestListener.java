package dev.sidescope.samples.traffic;

/**
 * Hears the requests of a {@link TrafficSimulator}, one at a time, in the order they start.
 *
 * <p>Threading: called on the thread that advances the simulator (in a served sample, the traffic
 * thread of {@link RealTimeTraffic}), never on two threads at once and never for two requests at
 * once. A listener should only note the request (add it to a counter, a histogram, a bounded
 * buffer) and return: it holds up every other listener and the simulator while it runs. It must not
 * advance the simulator itself.
 */
@FunctionalInterface
public interface RequestListener {
  /** One request, after every request that started before it. */
  void onRequest(SimulatedRequest request);
}
