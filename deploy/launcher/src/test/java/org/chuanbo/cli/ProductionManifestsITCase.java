package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * clickhouse-users.xml in front of the real ClickHouse engine: every setting its profiles set or
 * constrain is one ClickHouse knows (a misspelt one would be refused by the server at start, or
 * worse, by a query), and every grant parses.
 */
class ProductionManifestsITCase {

  private static final Path USERS = Path.of("../k8s/clickhouse-users.xml");

  private final ClickHouseEndpoint endpoint =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());

  @Test
  void shouldSetOnlySettingsClickHouseKnows() throws Exception {
    Element profiles = (Element) xml().getElementsByTagName("profiles").item(0);
    Set<String> settings = new TreeSet<>();
    for (Element profile : children(profiles)) {
      for (Element setting : children(profile)) {
        if (setting.getTagName().equals("constraints")) {
          children(setting).forEach(constrained -> settings.add(constrained.getTagName()));
        } else {
          settings.add(setting.getTagName());
        }
      }
    }

    Set<String> known = new TreeSet<>();
    try (Client client = endpoint.newClient()) {
      client
          .queryAll("SELECT name FROM system.settings")
          .forEach(row -> known.add(row.getString("name")));
    }
    assertThat(settings).hasSizeGreaterThan(8);
    assertThat(known).containsAll(settings);
  }

  @Test
  void shouldGrantInStatementsClickHouseParses() throws Exception {
    NodeList queries = xml().getElementsByTagName("query");
    assertThat(queries.getLength()).isGreaterThan(10);
    try (Client client = endpoint.newClient()) {
      for (int i = 0; i < queries.getLength(); i++) {
        // In users.xml a grant names no grantee; as a statement it needs one.
        String grant = queries.item(i).getTextContent().strip() + " TO chuanbo_check";
        String formatted =
            client
                .queryAll(
                    "SELECT formatQuery(base64Decode({grant:String})) AS f",
                    Map.of(
                        "grant",
                        Base64.getEncoder().encodeToString(grant.getBytes(StandardCharsets.UTF_8))))
                .get(0)
                .getString("f");
        assertThat(formatted).isEqualTo(grant);
      }
    }
  }

  private static org.w3c.dom.Document xml() throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(USERS.toFile());
  }

  private static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }
}
