package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.Finding;
import io.github.cofferdam.junit.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * How findings are judged: a severity per rule, a baseline up to which nothing fails, and
 * allowances with reasons (from {@code @Allow} and from {@code -- cofferdam:allow} comments).
 */
public final class Policy {

  private static final Pattern COMMENT =
      Pattern.compile(
          "--\\s*cofferdam:allow\\s+(\\S+)(?:\\s+([^\"\\s]+))?\\s*(?:\"([^\"]*)\")?\\s*$");

  private final Map<String, Finding.Severity> severities;
  private final Optional<MigrationVersion> baseline;
  private final List<Allowance> allowances;

  /**
   * An explicit allowance.
   *
   * @param rule the rule id
   * @param migration the migration version ({@code null} for comments, which belong to their file)
   * @param object the object it is limited to, or empty
   * @param reason why
   */
  public record Allowance(String rule, String migration, String object, String reason) {}

  /**
   * A policy.
   *
   * @param severities severity per rule id; rules not listed are errors
   * @param baseline the version up to which findings are reported but never fail, or {@code null}
   * @param allowances allowances from annotations
   */
  public Policy(
      Map<String, Finding.Severity> severities, String baseline, List<Allowance> allowances) {
    this.severities = new TreeMap<>(severities);
    this.baseline =
        baseline == null || baseline.isBlank()
            ? Optional.empty()
            : Optional.of(MigrationVersion.fromVersion(baseline.trim()));
    this.allowances = List.copyOf(allowances);
  }

  /** The baseline version, if one is set. */
  public Optional<MigrationVersion> baseline() {
    return baseline;
  }

  /** Parses {@code rule=error|warning} entries; problems are added to {@code problems}. */
  public static Map<String, Finding.Severity> severities(
      List<String> entries, List<String> problems) {
    Map<String, Finding.Severity> result = new TreeMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      String rule = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
      String value = eq < 0 ? "" : entry.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      if (Rule.byId(rule).isEmpty()) {
        problems.add("rule '" + rule + "' is not valid; valid rules: " + Rule.ids());
      } else if (!value.equals("error") && !value.equals("warning")) {
        problems.add(
            "severity '"
                + entry.trim()
                + "' is not valid; valid values: <rule>=error or <rule>=warning");
      } else {
        result.put(rule, value.equals("error") ? Finding.Severity.ERROR : Finding.Severity.WARNING);
      }
    }
    return result;
  }

  /** Everything that decides verdicts, for cache keys. */
  @Override
  public String toString() {
    return "Policy[severities="
        + severities
        + ", baseline="
        + baseline
        + ", allowances="
        + allowances
        + "]";
  }

  /** Whether a migration is at or before the baseline. */
  boolean inBaseline(MigrationInfo migration) {
    return baseline.isPresent()
        && migration.getVersion() != null
        && migration.getVersion().compareTo(baseline.get()) <= 0;
  }

  /**
   * The allowances written in a migration's own text, one per comment line {@code --
   * cofferdam:allow <rule> [object] "<reason>"}.
   *
   * @throws IllegalStateException naming the file and line when a comment has no reason or an
   *     unknown rule
   */
  static List<Allowance> fromComments(String script, String text) {
    List<Allowance> found = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.contains("cofferdam:allow")) {
        continue;
      }
      Matcher m = COMMENT.matcher(line);
      if (!m.matches() || m.group(3) == null || m.group(3).isBlank()) {
        throw new IllegalStateException(
            script
                + " line "
                + (i + 1)
                + ": a cofferdam:allow comment needs a rule, optionally an object, and a reason in"
                + " double quotes: -- cofferdam:allow data-loss app_session \"sessions are"
                + " ephemeral\"");
      }
      if (Rule.byId(m.group(1)).isEmpty()) {
        throw new IllegalStateException(
            script
                + " line "
                + (i + 1)
                + ": cofferdam:allow names rule '"
                + m.group(1)
                + "'; valid rules: "
                + Rule.ids());
      }
      found.add(
          new Allowance(
              m.group(1), null, m.group(2) == null ? "" : m.group(2), m.group(3).strip()));
    }
    return found;
  }

  /** Applies severities and allowances to the findings of one migration. */
  List<Finding> judge(
      MigrationInfo migration, List<Allowance> fromComments, List<Finding> findings) {
    List<Finding> judged = new ArrayList<>();
    for (Finding f : findings) {
      Finding g = f.withSeverity(severities.getOrDefault(f.rule().id(), f.severity()));
      Optional<Allowance> allowance = fromComments.stream().filter(a -> matches(a, g)).findFirst();
      if (allowance.isEmpty()) {
        allowance =
            allowances.stream()
                .filter(a -> migration.getVersion() != null)
                .filter(
                    a -> MigrationVersion.fromVersion(a.migration()).equals(migration.getVersion()))
                .filter(a -> matches(a, g))
                .findFirst();
      }
      judged.add(allowance.map(a -> g.allowedBecause(a.reason())).orElse(g));
    }
    return judged;
  }

  private static boolean matches(Allowance a, Finding f) {
    if (!a.rule().equals(f.rule().id())) {
      return false;
    }
    if (a.object().isEmpty()) {
      return true;
    }
    return f.object().contains(a.object());
  }
}
