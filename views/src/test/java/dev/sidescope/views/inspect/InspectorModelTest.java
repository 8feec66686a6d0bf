package dev.sidescope.views.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.TopologyPicture;
import org.junit.jupiter.api.Test;

class InspectorModelTest {
  private final TopologySnapshot snapshot = SeedSample.snapshot();
  private final TopologyPicture picture = TopologyPicture.of(snapshot);

  private Inspection inspect(String id) {
    return InspectorModel.of(snapshot, picture, id).orElseThrow();
  }

  @Test
  void selectedContainerShouldComeFirstWithItsDetails() {
    Inspection i = inspect(SeedSample.ORDER_XRAY);
    assertThat(i.title()).isEqualTo("xray-daemon");
    Inspection.Section xray = i.sections().get(1);
    assertThat(xray.title()).startsWith("xray-daemon");
    assertThat(xray.value("image")).hasValue("amazon/aws-xray-daemon:latest");
    assertThat(xray.value("kind")).hasValue("xray-daemon");
    assertThat(xray.value("variant")).hasValue("sidecar");
    assertThat(xray.value("ready")).hasValue("yes");
    assertThat(xray.value("ports")).hasValue("2000/udp");
    assertThat(xray.value("limits")).hasValue("cpu 100m, memory 64Mi");
  }

  @Test
  void credentialLikeValuesShouldBeMaskedAndSecretsSayWhereFrom() {
    Inspection.Section app = inspect(SeedSample.ORDER_APP).sections().get(1);
    assertThat(app.value("env ORDERS_API_TOKEN")).hasValue(CredentialMask.MASK);
    assertThat(app.value("env DB_PASSWORD")).hasValue("from secret orders-db/password");
    assertThat(app.value("env PAYMENT_SERVICE_URL")).hasValue("http://payment-service:8080");
  }

  @Test
  void notReadySidecarShouldShowItsStateAndFindingSentences() {
    Inspection i = inspect(SeedSample.ORDER_POD_2 + "/xray-daemon");
    assertThat(i.sections().get(1).value("state")).hasValue("running");
    assertThat(i.sections().get(1).value("ready")).hasValue("no");
    assertThat(i.findings()).extracting(Inspection.FindingLine::code).contains("SIDECAR_NOT_READY");
    assertThat(i.findings().get(0).message()).isNotBlank();
  }

  @Test
  void outsideNodeShouldListTheArrowsThatReachIt() {
    Inspection i = inspect("aws/xray");
    assertThat(i.title()).isEqualTo("AWS X-Ray");
    assertThat(i.sections().get(0).rows())
        .extracting(Inspection.Row::value)
        .anyMatch(v -> v.startsWith("from xray-daemon"));
  }

  @Test
  void findingRowsShouldPointAtTheContainerTheyName() {
    assertThat(FindingRow.of(snapshot, picture))
        .filteredOn(r -> r.code().equals("SIDECAR_NOT_READY"))
        .first()
        .satisfies(r -> assertThat(r.nodeId()).hasValue(SeedSample.ORDER_POD_2 + "/xray-daemon"));
  }
}
