package dev.sidescope.testing.export;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The text a person reads in an SVG drawing: every text node, entities decoded, one piece per node,
 * whitespace runs (including no-break spaces) made single spaces. Style and script elements are
 * left out. Invisible word joiners (U+2060) are dropped, since exporters may put them in to keep a
 * renderer from reading two characters as one of its own codes.
 */
public final class SvgText {
  private static final Set<String> SKIPPED = Set.of("style", "script", "title", "defs");

  private final List<String> pieces;

  private SvgText(List<String> pieces) {
    this.pieces = List.copyOf(pieces);
  }

  /** Parses an SVG document; fails the test if it is not well-formed XML with an svg root. */
  public static SvgText parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setCoalescing(true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      // The default handler prints "[Fatal Error]" to stderr before throwing; the test says why.
      builder.setErrorHandler(new DefaultHandler());
      org.w3c.dom.Document document = builder.parse(new InputSource(new StringReader(svg)));
      if (!"svg".equals(localName(document.getDocumentElement()))) {
        throw new AssertionError("not an SVG document: root is " + document.getDocumentElement());
      }
      List<String> pieces = new ArrayList<>();
      collect(document.getDocumentElement(), pieces);
      return new SvgText(pieces);
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage(), e);
    }
  }

  /** True when one piece of text holds {@code line} (after the same whitespace folding). */
  public boolean contains(String line) {
    String wanted = normalize(line);
    return pieces.stream().anyMatch(p -> p.contains(wanted));
  }

  /** Every piece of text, in document order. */
  public List<String> pieces() {
    return pieces;
  }

  private static void collect(Node node, List<String> pieces) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        String text = normalize(child.getNodeValue());
        if (!text.isEmpty()) {
          pieces.add(text);
        }
      } else if (child.getNodeType() == Node.ELEMENT_NODE && !SKIPPED.contains(localName(child))) {
        collect(child, pieces);
      }
    }
  }

  private static String localName(Node node) {
    String name = node.getNodeName();
    int colon = name.indexOf(':');
    return colon >= 0 ? name.substring(colon + 1) : name;
  }

  static String normalize(String text) {
    return text.replace("\u2060", "").replaceAll("[\\s\\u00A0]+", " ").trim();
  }
}
