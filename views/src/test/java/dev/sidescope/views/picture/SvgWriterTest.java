package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class SvgWriterTest {
  @Test
  void svgShouldBeWellFormedAndHoldEveryLabel() throws Exception {
    LaidOutPicture p = new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);
    String svg = SvgWriter.write(p, PicturePalette.of(Theme.LIGHT), Set.of());
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(svg)
        .contains("Pod order-service-5f7c9-x2k4q")
        .as("a pod box says what runs it; the namespace is its outer box's title")
        .contains(">kubernetes · Deployment/order-service<")
        .contains(">namespace shop<")
        .contains(">xray-daemon<")
        .contains(">AWS X-Ray<")
        .contains("stroke-dasharray")
        .contains("#ffffde");
  }

  @Test
  void hiddenNodesShouldBeLeftOut() {
    LaidOutPicture p = new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);
    String svg = SvgWriter.write(p, PicturePalette.of(Theme.DARK), Set.of("aws/xray"));
    assertThat(svg).doesNotContain(">AWS X-Ray<");
  }
}
