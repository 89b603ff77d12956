package dev.hangar.api.signing;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an XML property list (what a provisioning profile wraps) into maps, lists, strings, bytes,
 * instants, longs and booleans, with the JDK's XML parser set to fetch nothing: the DOCTYPE Apple
 * puts in every plist names a DTD that must not be loaded.
 */
final class Plist {

  private Plist() {}

  static Map<String, Object> read(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setExpandEntityReferences(false);
      Element plist =
          factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
      Element root =
          children(plist).stream()
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("empty plist"));
      if (!(value(root) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("the plist is not a dictionary");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> dict = (Map<String, Object>) map;
      return dict;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("not an XML property list", e);
    }
  }

  private static Object value(Element element) {
    return switch (element.getTagName()) {
      case "dict" -> dict(element);
      case "array" -> children(element).stream().map(Plist::value).toList();
      case "string" -> element.getTextContent().trim();
      case "data" -> data(element.getTextContent());
      case "date" -> Instant.parse(element.getTextContent().trim());
      case "integer" -> Long.parseLong(element.getTextContent().trim());
      case "real" -> Double.parseDouble(element.getTextContent().trim());
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "unknown plist element <" + element.getTagName() + ">");
    };
  }

  /** Base64 that plists break into indented lines. */
  private static byte[] data(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("holds a <data> element that is not base64");
    }
  }

  private static Map<String, Object> dict(Element element) {
    Map<String, Object> dict = new LinkedHashMap<>();
    List<Element> items = children(element);
    for (int i = 0; i + 1 < items.size(); i += 2) {
      dict.put(items.get(i).getTextContent().trim(), value(items.get(i + 1)));
    }
    return dict;
  }

  private static List<Element> children(Element element) {
    List<Element> children = new ArrayList<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        children.add(child);
      }
    }
    return children;
  }
}
