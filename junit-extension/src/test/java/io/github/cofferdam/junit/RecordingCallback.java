package io.github.cofferdam.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A user's Flyway callback: records the migrations each migrate() call applied, then {@code |} at
 * the end of a successful call or {@code x} at the end of a failed one.
 */
public class RecordingCallback implements Callback {

  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_EACH_MIGRATE
        || event == Event.AFTER_MIGRATE
        || event == Event.AFTER_MIGRATE_ERROR;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    if (event == Event.AFTER_EACH_MIGRATE) {
      EVENTS.add(context.getMigrationInfo().getScript());
    } else if (event == Event.AFTER_MIGRATE) {
      EVENTS.add("|");
    } else {
      EVENTS.add("x");
    }
  }

  @Override
  public String getCallbackName() {
    return "recording";
  }
}
