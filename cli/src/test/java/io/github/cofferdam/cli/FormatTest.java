package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --format}: standard output carries the report itself, identical to its file in the report
 * directory, and the walk goes to standard error.
 */
class FormatTest {

  private static final String REPORT = "io.github.cofferdam.cli.CofferdamCheck";

  @TempDir Path dir;

  private CliRun check(String format) {
    CliRun run =
        CliRun.of(
            "check",
            CliRun.unsafeFolder(dir).toString(),
            "--report-dir",
            dir.resolve("reports").toString(),
            "--format",
            format);
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .containsPattern("\\[cofferdam\\] {3}V2 orders total +applied +\\d+ ms  1 finding")
        .contains("cofferdam: FAILED: V2 orders total (exit code 1)");
    assertThat(run.out()).doesNotContain("[cofferdam]");
    return run;
  }

  @Test
  void json() throws Exception {
    CliRun run = check("json");

    assertThat(run.out()).isEqualTo(Files.readString(dir.resolve("reports/" + REPORT + ".json")));
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("format").asInt()).isEqualTo(1);
    List<String> scripts = new ArrayList<>();
    report.get("steps").forEach(s -> scripts.add(s.get("script").asText()));
    assertThat(scripts).containsExactly("V1__orders.sql", "V2__orders_total.sql");
    JsonNode finding = report.get("steps").get(1).get("findings").get(0);
    assertThat(finding.get("rule").asText()).isEqualTo("non-idempotent");
    assertThat(finding.get("fails").asBoolean()).isTrue();
  }

  @Test
  void markdown() throws Exception {
    CliRun run = check("markdown");

    assertThat(run.out()).isEqualTo(Files.readString(dir.resolve("reports/" + REPORT + ".md")));
    assertThat(run.out())
        .startsWith("# Cofferdam walk: " + REPORT + "\n")
        .contains("| 1 | V1 orders | `V1__orders.sql` | applied | safe |")
        .contains("| 2 | V2 orders total | `V2__orders_total.sql` | applied | 1 finding |")
        .contains("- **non-idempotent** (fails): V2__orders_total.sql fails when applied a second");
  }

  @Test
  void junitXml() throws Exception {
    CliRun run = check("junit-xml");

    assertThat(run.out()).isEqualTo(Files.readString(dir.resolve("reports/TEST-cofferdam.xml")));
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    NodeList cases = xml.getElementsByTagName("testcase");
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    String failure = "";
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertThat(c.getAttribute("classname")).isEqualTo("cofferdam.migrations");
      NodeList failures = c.getElementsByTagName("failure");
      if (failures.getLength() > 0) {
        failed.add(c.getAttribute("name"));
        failure = failures.item(0).getTextContent();
      } else {
        passed.add(c.getAttribute("name"));
      }
    }
    assertThat(passed).containsExactly("V1 orders");
    assertThat(failed).containsExactly("V2 orders total");
    assertThat(failure)
        .contains("[non-idempotent] V2__orders_total.sql fails when applied a second time")
        .contains("Fix: Use ADD COLUMN IF NOT EXISTS.");
    Element suite = xml.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
  }
}
