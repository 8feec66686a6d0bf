package dev.sidescope.collectors.xray.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Selections written in X-Ray's filter expression language. */
class XRayApiExpressionsTest {

  @ParameterizedTest(name = "{0} -> {1}, {2} ({3})")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          orders          |                | SLOWEST | service("orders")
          orders          |                | FAILED  | service("orders") { fault OR error }
          frontend        | orders         | SLOWEST | edge("frontend", "orders")
          frontend        | orders         | FAILED  | edge("frontend", "orders") { fault OR error }
          api.example.com | DynamoDB       | SLOWEST | edge("api.example.com", "DynamoDB")
          'my app'        | 'C:\\share'    | SLOWEST | edge("my app", "C:\\\\share")
          'say "hi"'      |                | SLOWEST | service("say \\"hi\\"")
          """)
  void aSelectionIsAQuotedServiceOrEdgeWithTheFailedFilterInBraces(
      String service, String callee, TraceFilter filter, String expected) {
    TraceSubject subject =
        callee == null ? TraceSubject.service(service) : TraceSubject.call(service, callee);

    assertThat(XRayExpressions.traces(subject, filter)).isEqualTo(expected);
  }
}
