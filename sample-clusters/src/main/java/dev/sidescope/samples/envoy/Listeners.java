package dev.sidescope.samples.envoy;

/**
 * The listeners a sidecar Envoy has, as its mesh names them: the inbound one in front of the app
 * and the outbound one the app's calls go through, each with the stat prefix of its HTTP connection
 * manager.
 *
 * @param inboundListener the inbound listener's address as stats name it, e.g. {@code
 *     0.0.0.0_15006}
 * @param inboundHttp the inbound HTTP stat prefix, e.g. {@code inbound_0.0.0.0_9080}
 * @param outboundListener the outbound listener's address, e.g. {@code 0.0.0.0_15001}
 * @param outboundHttp the outbound HTTP stat prefix, e.g. {@code outbound_0.0.0.0_15001}
 * @param inboundPort the inbound listener's port
 * @param outboundPort the outbound listener's port
 */
record Listeners(
    String inboundListener,
    String inboundHttp,
    String outboundListener,
    String outboundHttp,
    int inboundPort,
    int outboundPort) {

  static Listeners of(EnvoySidecar sidecar) {
    int app =
        sidecar.localApp().hosts().isEmpty() ? 8080 : sidecar.localApp().hosts().get(0).port();
    return switch (sidecar.kind()) {
      case ISTIO_PROXY ->
          new Listeners(
              "0.0.0.0_15006",
              "inbound_0.0.0.0_" + app,
              "0.0.0.0_15001",
              "outbound_0.0.0.0_15001",
              15006,
              15001);
      case APPMESH_ENVOY ->
          new Listeners("0.0.0.0_15000", "ingress", "0.0.0.0_15001", "egress", 15000, 15001);
      default ->
          new Listeners(
              "0.0.0.0_10000", "ingress_http", "0.0.0.0_15001", "egress_http", 10000, 15001);
    };
  }
}
