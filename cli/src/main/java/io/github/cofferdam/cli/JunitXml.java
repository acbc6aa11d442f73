package io.github.cofferdam.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The JUnit XML report CI test tabs read (GitLab's {@code reports: junit}, GitHub test reporters):
 * one {@code testcase} per migration and workflow, named by its label ({@code V2 orders total}),
 * with the findings as the failure's text. The launcher's legacy XML listener would name them by
 * their legacy names ({@code migrations(MigrationRun)[2]}), hence this writer.
 */
final class JunitXml implements TestExecutionListener {

  private final Path file;
  private final Map<String, Long> started = new HashMap<>();
  private final List<Case> cases = new ArrayList<>();
  private TestPlan plan;

  JunitXml(Path file) {
    this.file = file;
  }

  /** One test case: its suite (classname), name, seconds, and the failure's type and text. */
  private record Case(String suite, String name, double seconds, Throwable failure, boolean skip) {}

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionStarted(TestIdentifier node) {
    started.put(node.getUniqueId(), System.nanoTime());
  }

  @Override
  public void executionSkipped(TestIdentifier node, String reason) {
    if (node.isTest()) {
      cases.add(new Case(suite(node), node.getDisplayName(), 0, null, true));
    }
  }

  @Override
  public void executionFinished(TestIdentifier node, TestExecutionResult result) {
    boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
    // a container's own failure (a migration that failed to apply: the walk) is a case too
    if (node.isTest() || (failed && node.getParentId().isPresent())) {
      long start = started.getOrDefault(node.getUniqueId(), System.nanoTime());
      cases.add(
          new Case(
              node.isTest() ? suite(node) : "cofferdam",
              node.isTest() ? node.getDisplayName() : "the walk",
              (System.nanoTime() - start) / 1e9,
              failed
                  ? result.getThrowable().orElseGet(() -> new AssertionError("no cause given"))
                  : null,
              false));
    }
  }

  /** {@code cofferdam.migrations} or {@code cofferdam.workflows}: the node's factory. */
  private String suite(TestIdentifier node) {
    return "cofferdam."
        + plan.getParent(node).map(TestIdentifier::getDisplayName).orElse("migrations");
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        write(xml);
        xml.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JUnit XML report " + file, e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit XML report " + file, e);
    }
  }

  private void write(XMLStreamWriter xml) throws XMLStreamException {
    long failures = cases.stream().filter(c -> c.failure() instanceof AssertionError).count();
    long errors =
        cases.stream()
            .filter(c -> c.failure() != null && !(c.failure() instanceof AssertionError))
            .count();
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", "cofferdam");
    xml.writeAttribute("tests", String.valueOf(cases.size()));
    xml.writeAttribute("failures", String.valueOf(failures));
    xml.writeAttribute("errors", String.valueOf(errors));
    xml.writeAttribute("skipped", String.valueOf(cases.stream().filter(Case::skip).count()));
    xml.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
    for (Case c : cases) {
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("name", clean(c.name()));
      xml.writeAttribute("classname", clean(c.suite()));
      xml.writeAttribute("time", seconds(c.seconds()));
      if (c.skip()) {
        xml.writeEmptyElement("skipped");
      }
      if (c.failure() != null) {
        String message = clean(Check.message(c.failure()));
        xml.writeCharacters("\n    ");
        xml.writeStartElement(c.failure() instanceof AssertionError ? "failure" : "error");
        xml.writeAttribute("message", message.lines().findFirst().orElse(""));
        xml.writeAttribute("type", c.failure().getClass().getName());
        xml.writeCharacters(message);
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
      }
      xml.writeEndElement();
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /** Without the control characters XML 1.0 cannot carry. */
  private static String clean(String text) {
    return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
  }
}
