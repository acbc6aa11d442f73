package io.github.cofferdam.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** A user's Flyway callback: records each migrate() call and the migrations it applied. */
public class RecordingCallback implements Callback {

  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    if (event == Event.AFTER_EACH_MIGRATE) {
      EVENTS.add(context.getMigrationInfo().getScript());
    } else {
      EVENTS.add("|");
    }
  }

  @Override
  public String getCallbackName() {
    return "recording";
  }
}
