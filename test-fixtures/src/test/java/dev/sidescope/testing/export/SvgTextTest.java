package dev.sidescope.testing.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SvgTextTest {

  @Test
  void containsShouldFindDecodedTextOutsideStyleElements() {
    SvgText text =
        SvgText.parse(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>.a{}</style>"
                + "<text>a &lt;b&gt; &amp;&#160; c&#8288;d</text></svg>");

    assertThat(text.contains("a <b> & cd")).isTrue();
    assertThat(text.contains(".a{}")).isFalse();
  }

  @Test
  void parseShouldFailOnSomethingThatIsNotAnSvg() {
    assertThatThrownBy(() -> SvgText.parse("<html/>")).hasMessageContaining("not an SVG");
    assertThatThrownBy(() -> SvgText.parse("Error: Parse error"))
        .hasMessageContaining("well-formed");
  }
}
