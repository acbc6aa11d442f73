package io.github.cofferdam.junit.internal.safety;

import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The repeatable migrations of a plan ({@code R__views.sql}), which Flyway runs after every
 * versioned one: what one of them creates again is missing only until then, and only where its
 * checksum changed.
 */
final class Repeatables {

  private record Script(String name, String text) {}

  private final List<Script> scripts;

  private Repeatables(List<Script> scripts) {
    this.scripts = scripts;
  }

  static Repeatables of(MigrationWalker.Plan plan) {
    List<Script> scripts = new ArrayList<>();
    for (MigrationInfo m : plan.pending()) {
      if (m.getVersion() == null) {
        Optional<String> text = plan.scripts().text(m);
        text.ifPresent(t -> scripts.add(new Script(m.getScript(), t)));
      }
    }
    return new Repeatables(scripts);
  }

  /**
   * The repeatable migration that creates the object of a path again ({@code view public.v}, {@code
   * function public.f(integer)}, {@code table public.t / trigger x}), if one does.
   */
  Optional<String> recreating(String path) {
    if (scripts.isEmpty()) {
      return Optional.empty();
    }
    String last = path.substring(path.lastIndexOf(" / ") < 0 ? 0 : path.lastIndexOf(" / ") + 3);
    String kind = last.substring(0, last.indexOf(' ')).toLowerCase(Locale.ROOT);
    if (!List.of("view", "materialized", "function", "procedure", "trigger", "policy")
        .contains(kind)) {
      return Optional.empty();
    }
    String name = last.substring(last.indexOf(' ') + 1);
    if (kind.equals("materialized")) {
      name = name.substring(name.indexOf(' ') + 1); // materialized view s.n
    }
    name = name.replaceAll("\\(.*", "");
    name = name.substring(name.lastIndexOf('.') + 1);
    Pattern creates =
        Pattern.compile(
            "(?i)\\bCREATE\\s+(OR\\s+REPLACE\\s+)?(MATERIALIZED\\s+)?"
                + "(VIEW|FUNCTION|PROCEDURE|TRIGGER|POLICY)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
                + "(\"?\\w+\"?\\.)?\"?"
                + Pattern.quote(name)
                + "\"?(\\s|\\(|$)");
    return scripts.stream()
        .filter(s -> creates.matcher(s.text()).find())
        .map(Script::name)
        .findFirst();
  }
}
