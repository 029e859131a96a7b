package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/** Reads sitemap files back and validates them against the sitemaps.org schemas. */
final class SitemapFiles {
  static final Path SCHEMAS = Path.of("../specs/sitemaps");
  private static final Schema URLSET = schema("sitemap.xsd");
  private static final Schema INDEX = schema("siteindex.xsd");

  private SitemapFiles() {}

  private static Schema schema(String name) {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(SCHEMAS.resolve(name).toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }

  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  /** Validates one file against the schema its root element calls for. */
  static void validate(Path file) throws Exception {
    Schema schema = root(file).equals("sitemapindex") ? INDEX : URLSET;
    try (InputStream in = open(file)) {
      schema.newValidator().validate(new StreamSource(in, file.toString()));
    }
  }

  /** Validates the served index or sitemap and every sitemap it names, returning all URLs. */
  static Map<String, String> servedUrls(Path outputDir, String indexName) throws Exception {
    Path index = outputDir.resolve(indexName);
    validate(index);
    Map<String, String> urls = new LinkedHashMap<>();
    if (root(index).equals("sitemapindex")) {
      for (String loc : entries(index).keySet()) {
        Path part = outputDir.resolve(loc.substring(loc.lastIndexOf('/') + 1));
        validate(part);
        assertThat(root(part)).isEqualTo("urlset");
        urls.putAll(entries(part));
      }
    } else {
      urls.putAll(entries(index));
    }
    return urls;
  }

  static String root(Path file) throws Exception {
    try (InputStream in = open(file)) {
      XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (reader.next() != XMLStreamConstants.START_ELEMENT) {
        // skip the prolog
      }
      return reader.getLocalName();
    }
  }

  /** loc to lastmod (or "") of every url or sitemap entry, as XML parsers read them. */
  static Map<String, String> entries(Path file) throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    try (InputStream in = open(file)) {
      XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in);
      String loc = null;
      String lastmod = "";
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("loc")) {
          loc = reader.getElementText();
        } else if (event == XMLStreamConstants.START_ELEMENT
            && reader.getLocalName().equals("lastmod")) {
          lastmod = reader.getElementText();
        } else if (event == XMLStreamConstants.END_ELEMENT
            && (reader.getLocalName().equals("url") || reader.getLocalName().equals("sitemap"))) {
          entries.put(loc, lastmod);
          loc = null;
          lastmod = "";
        }
      }
    }
    return entries;
  }

  /**
   * Validates every sitemap and index file under {@code root} (generations included, links not
   * followed), returning how many there were.
   */
  static int validateAll(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> files;
    try (var all = Files.walk(root)) {
      files =
          all.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".xml") || f.toString().endsWith(".xml.gz"))
              .toList();
    }
    for (Path file : files) {
      validate(file);
    }
    return files.size();
  }

  static List<Path> listFiles(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    try (var all = Files.list(directory)) {
      all.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    return files;
  }
}
