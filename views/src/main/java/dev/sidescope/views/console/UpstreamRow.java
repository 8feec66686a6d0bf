package dev.sidescope.views.console;

import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One upstream cluster in the Envoy tab's table: the proxy's figures for it over the last poll, as
 * numbers to sort by and as text to read. Sorting is by the numbers; a figure the proxy did not
 * give sorts below every figure it did.
 *
 * @param cluster the cluster's name as the proxy prints it
 * @param health hosts, ejections, connections, retries and circuit breakers
 * @param rps requests per second; empty until two polls were made
 * @param p99Ms the 99th percentile response time
 * @param serverErrorsPerSecond 5xx responses per second
 * @param errorRate (4xx + 5xx) / completed requests
 */
public record UpstreamRow(
    String cluster,
    UpstreamHealth health,
    OptionalDouble rps,
    OptionalDouble p99Ms,
    double serverErrorsPerSecond,
    OptionalDouble errorRate) {

  static UpstreamRow of(UpstreamReading r) {
    return new UpstreamRow(
        r.cluster(),
        r.health(),
        r.metrics().rps(),
        r.metrics().p99Ms(),
        r.serverErrorsPerSecond(),
        r.metrics().errorRate());
  }

  /**
   * The cluster's name as the table writes it, the parts every row shares left out: App Mesh's
   * {@code cds_egress_my-mesh_payment-service_shop_http_8080} reads {@code
   * payment-service_shop_http_8080} ({@code ingress …} for the way in), Istio's {@code
   * outbound|8080||payment.shop.svc.cluster.local} reads {@code payment.shop:8080}. Other names as
   * they are.
   */
  public String shortName() {
    String[] mesh = cluster.split("_", 4);
    if (mesh.length == 4 && mesh[0].equals("cds")) {
      if (mesh[1].equals("egress")) {
        return mesh[3];
      }
      if (mesh[1].equals("ingress")) {
        return "ingress " + mesh[3];
      }
    }
    String[] istio = cluster.split("\\|", -1);
    if (istio.length == 4 && (istio[0].equals("outbound") || istio[0].equals("inbound"))) {
      String host = istio[3].replaceFirst("\\.svc\\.cluster\\.local$", "");
      String where = host.isEmpty() ? ":" + istio[1] : host + ":" + istio[1];
      return istio[0].equals("inbound") ? "inbound " + where : where;
    }
    return cluster;
  }

  /** No healthy host, or hosts ejected: the row is marked. */
  public boolean marked() {
    return health.unhealthy();
  }

  /** Why the row is marked, for a tooltip; empty when it is not. */
  public String mark() {
    if (health.totalHosts() > 0 && health.healthyHosts() == 0) {
      return "No healthy host.";
    }
    if (health.ejectedHosts() > 0) {
      return health.ejectedHosts()
          + (health.ejectedHosts() == 1 ? " host ejected" : " hosts ejected")
          + " by outlier detection.";
    }
    return "";
  }

  /** The table's default order: most 5xx a second first, then the busiest, then by name. */
  public static final Comparator<UpstreamRow> DEFAULT_ORDER =
      Column.SERVER_ERRORS
          .order()
          .reversed()
          .thenComparing(Column.RPS.order().reversed())
          .thenComparing(Column.CLUSTER.order());

  /** The table's columns: each with its title, what it writes and how it sorts ascending. */
  public enum Column {
    CLUSTER("cluster", UpstreamRow::shortName, Comparator.comparing(UpstreamRow::cluster)),
    HOSTS(
        "healthy",
        r -> r.health().healthyHosts() + "/" + r.health().totalHosts(),
        Comparator.comparingDouble(
                (UpstreamRow r) ->
                    r.health().totalHosts() == 0
                        ? 1
                        : r.health().healthyHosts() / (double) r.health().totalHosts())
            .thenComparingInt(r -> r.health().totalHosts())),
    RPS("rps", r -> text(r.rps(), Column::rate), optional(UpstreamRow::rps)),
    P99("p99 ms", r -> text(r.p99Ms(), Column::millis), optional(UpstreamRow::p99Ms)),
    SERVER_ERRORS(
        "5xx/s",
        r -> rate(r.serverErrorsPerSecond()),
        Comparator.comparingDouble(UpstreamRow::serverErrorsPerSecond)),
    ERROR_RATE(
        "errors", r -> text(r.errorRate(), Figures::percent), optional(UpstreamRow::errorRate)),
    EJECTED(
        "ejected",
        r -> Integer.toString(r.health().ejectedHosts()),
        Comparator.comparingInt(r -> r.health().ejectedHosts())),
    CONNECTIONS(
        "conns",
        r -> Figures.count(r.health().activeConnections()),
        Comparator.comparingLong(r -> r.health().activeConnections())),
    RETRIES(
        "retries/s",
        r -> rate(r.health().retriesPerSecond()),
        Comparator.comparingDouble(r -> r.health().retriesPerSecond())),
    OPEN_BREAKERS(
        "open CB",
        r -> Integer.toString(r.health().openCircuitBreakers()),
        Comparator.comparingInt(r -> r.health().openCircuitBreakers()));

    private final String title;
    private final Function<UpstreamRow, String> text;
    private final Comparator<UpstreamRow> order;

    Column(String title, Function<UpstreamRow, String> text, Comparator<UpstreamRow> order) {
      this.title = title;
      this.text = text;
      this.order = order;
    }

    /** The column's header. */
    public String title() {
      return title;
    }

    /** What the column says of a row. */
    public String text(UpstreamRow row) {
      return text.apply(row);
    }

    /** Ascending order of the column's figure; rows without it first. */
    public Comparator<UpstreamRow> order() {
      return order;
    }

    /** The columns of the table, in the order shown. */
    public static final List<Column> SHOWN = List.of(values());

    private static Comparator<UpstreamRow> optional(Function<UpstreamRow, OptionalDouble> f) {
      return Comparator.comparingDouble(r -> f.apply(r).orElse(Double.NEGATIVE_INFINITY));
    }

    private static String text(OptionalDouble v, Function<Double, String> write) {
      return v.isPresent() ? write.apply(v.getAsDouble()) : "–";
    }

    /** "0", "0.2", "24.8", "1,250". */
    private static String rate(double v) {
      if (v == 0) {
        return "0";
      }
      return v < 100
          ? String.format(Locale.ROOT, "%.1f", v)
          : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String millis(double v) {
      return v < 10
          ? String.format(Locale.ROOT, "%.1f", v)
          : String.format(Locale.ROOT, "%,.0f", v);
    }
  }
}
