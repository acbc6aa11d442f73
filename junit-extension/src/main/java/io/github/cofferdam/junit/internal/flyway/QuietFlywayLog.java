package io.github.cofferdam.junit.internal.flyway;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator;
import org.flywaydb.core.internal.logging.slf4j.Slf4jLogCreator;

/**
 * Flyway's logging during a walk: the walk calls {@code migrate()} once per migration, so Flyway's
 * INFO lines (its configuration tables, "Successfully applied 1 migration", hundreds of times) are
 * passed on at DEBUG, and the warning a walk causes itself (no migration visible to its first,
 * empty {@code migrate()}) is dropped. Flyway's other warnings and its errors pass unchanged, to
 * SLF4J when it is on the classpath, else to {@code java.util.logging}, as Flyway would. {@code
 * cofferdam.flyway.loggers} replaces it.
 */
public final class QuietFlywayLog implements LogCreator {

  private final LogCreator delegate = delegate();

  /** Flyway instantiates it by name (its {@code loggers} setting). */
  public QuietFlywayLog() {}

  private static LogCreator delegate() {
    try {
      Class.forName("org.slf4j.Logger", false, QuietFlywayLog.class.getClassLoader());
      return new Slf4jLogCreator();
    } catch (ClassNotFoundException | LinkageError e) {
      return new JavaUtilLogCreator();
    }
  }

  @Override
  public Log createLogger(Class<?> clazz) {
    Log log = delegate.createLogger(clazz);
    return new Log() {
      @Override
      public boolean isDebugEnabled() {
        return log.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        log.debug(message);
      }

      @Override
      public void info(String message) {
        log.debug(message);
      }

      @Override
      public void warn(String message) {
        if (message == null || !message.startsWith("No migrations found")) {
          log.warn(message);
        }
      }

      @Override
      public void error(String message) {
        log.error(message);
      }

      @Override
      public void error(String message, Exception e) {
        log.error(message, e);
      }

      @Override
      public void notice(String message) {
        log.notice(message);
      }
    };
  }
}
