package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.drift.LiveDrift;
import io.github.cofferdam.junit.internal.flyway.MigrationWalker;
import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import io.github.cofferdam.junit.internal.report.RunReport;
import io.github.cofferdam.junit.internal.safety.SafetyWalk;
import io.github.cofferdam.junit.internal.safety.SeedFailure;
import io.github.cofferdam.junit.internal.safety.SeedFiles;
import io.github.cofferdam.junit.internal.safety.Seeds;
import io.github.cofferdam.junit.internal.safety.SqlFiles;
import io.github.cofferdam.junit.internal.safety.Workflows;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link MigrationTest}. Stateless: the server lives in the root store (one
 * per provider and version, closed when the run ends), the migrated database and the run in the
 * class store (dropped when the class ends), injected connections in the method store.
 */
final class CofferdamExtension
    implements BeforeAllCallback, ParameterResolver, InvocationInterceptor {

  private static final Namespace NAMESPACE = Namespace.create(CofferdamExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<MigrationTest> annotation =
        AnnotationSupport.findAnnotation(testClass, MigrationTest.class);
    if (annotation.isEmpty()) {
      return; // a @Nested class without its own @MigrationTest shares its enclosing class's
      // database
    }
    Settings settings =
        Settings.resolve(annotation.get(), context::getConfigurationParameter, testClass);
    ServerHandle server = server(context, settings.server());

    long started = System.nanoTime();
    Store store = context.getStore(NAMESPACE);
    store.put(Settings.class, settings);
    store.put(ServerHandle.class.getName(), new ServerRef(server));
    MigrationRun run = migrate(context, settings, server, started);
    store.put(MigrationRun.class, run);
    LiveDrift.Result drift =
        DriftCheck.run(testClass, settings, store.get(TestDatabase.class, TestDatabase.class), run);
    ExpectedSchema.Outcome schema =
        ExpectedSchema.run(settings, store.get(TestDatabase.class, TestDatabase.class), run);
    report(testClass, settings, run, drift, schema);
  }

  /** Walks the class's database, or clones it from an earlier class with the same walk. */
  private static MigrationRun migrate(
      ExtensionContext context, Settings settings, ServerHandle server, long started) {
    Class<?> testClass = context.getRequiredTestClass();
    Store store = context.getStore(NAMESPACE);
    // a class with the same migrations and settings as an earlier one reuses its walk: a clone
    String key = WalkKey.of(testClass, settings);
    Optional<Map.Entry<TestDatabase, Walked>> earlier =
        server.rememberedTemplate(key, Walked.class);
    TestDatabase database =
        earlier.isPresent()
            ? server.cloneOf(earlier.get().getKey(), testClass.getName())
            : server.createDatabase(testClass.getName());
    database.limit(settings.statementTimeout(), settings.lockTimeout());
    store.put(TestDatabase.class, database); // dropped when the class's context closes
    if (earlier.isEmpty()) {
      try {
        settings.environment().install(database); // a clone has it from its template
      } catch (IllegalStateException e) {
        throw new ExtensionConfigurationException(testClass.getName() + ": " + e.getMessage(), e);
      }
    }
    if (earlier.isPresent()) {
      return reused(store, database, earlier.get().getValue(), started);
    }
    MigrationRun run = walk(context, settings, database, started);
    if (run.successful()) {
      server.rememberTemplate(
          key,
          database,
          new Walked(
              store.get(MigrationWalker.Plan.class, MigrationWalker.Plan.class),
              run.steps(),
              run.workflows()));
    }
    return run;
  }

  /** The run of a class whose database is a clone of an earlier class's walk. */
  private static MigrationRun reused(
      Store store, TestDatabase database, Walked walked, long started) {
    store.put(MigrationWalker.Plan.class, walked.plan);
    return new MigrationRun(
        database.name(),
        database.serverDescription(),
        walked.steps,
        Duration.ofNanos(System.nanoTime() - started),
        walked.workflows);
  }

  /** Writes the reports; fails the class on a failed migration or a run nothing judges. */
  private static void report(
      Class<?> testClass,
      Settings settings,
      MigrationRun run,
      LiveDrift.Result drift,
      ExpectedSchema.Outcome schema) {
    String environment = settings.environment().description();
    Path report =
        RunReport.write(
            settings.reportDir(),
            testClass.getName(),
            run,
            drift,
            environment,
            schema == null ? null : schema.node());
    System.out.print(RunReport.console(testClass.getName(), run, environment));
    Optional<MigrationFailure> failure = run.failedStep().flatMap(StepResult::failure);
    if (failure.isPresent()) {
      throw new MigrationFailedError(failure.get().report() + "\n  report:    " + report);
    }
    if (drift != null && drift.drifted()) {
      throw new MigrationFailedError(drift.report() + "\n  report:    " + report);
    }
    ExpectedSchema.failIfDiffers(schema, report);
    if (!MigrationSafety.class.isAssignableFrom(testClass)
        && !SafetyVerdict.readsTheRun(testClass)) {
      SafetyVerdict.unjudged(testClass, run, report)
          .ifPresent(
              m -> {
                throw new MigrationFailedError(m);
              });
    }
  }

  /** The walk's results, kept with the template of its final state for later classes. */
  private static final class Walked {
    final MigrationWalker.Plan plan;
    final List<StepResult> steps;
    final List<WorkflowResult> workflows;

    Walked(MigrationWalker.Plan plan, List<StepResult> steps, List<WorkflowResult> workflows) {
      this.plan = plan;
      this.steps = steps;
      this.workflows = workflows;
    }
  }

  /** The walk itself: plan, then the safety walk with seeds and workflows. */
  private static MigrationRun walk(
      ExtensionContext context, Settings settings, TestDatabase database, long started) {
    Class<?> testClass = context.getRequiredTestClass();
    Store store = context.getStore(NAMESPACE);
    MigrationWalker walker = new MigrationWalker(database, settings.flyway());
    MigrationWalker.Plan plan;
    try {
      plan = walker.plan();
    } catch (IllegalStateException e) {
      String message = e.getMessage();
      if (message.startsWith("no migrations found")) {
        message =
            Preflight.missingLocations(settings.flyway(), testClass.getClassLoader())
                .orElse(message);
      }
      throw new ExtensionConfigurationException(testClass.getName() + ": " + message, e.getCause());
    }
    store.put(MigrationWalker.Plan.class, plan);
    List<StepResult> steps;
    List<WorkflowResult> workflowResults;
    try {
      SeedFiles files =
          settings.seeds().isEmpty()
              ? null
              : SeedFiles.scan(settings.seeds(), testClass.getClassLoader());
      Preflight.check(context, settings, plan, files);
      Workflows workflows = new Workflows(workflows(context, settings));
      steps =
          new SafetyWalk(database, walker, settings.policy(), seeds(context, files), workflows)
              .undo(settings.undo())
              .walk(plan);
      workflowResults = workflows.results();
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(
          testClass.getName() + ": " + e.getMessage(), e.getCause());
    }
    return new MigrationRun(
        database.name(),
        database.serverDescription(),
        steps,
        Duration.ofNanos(System.nanoTime() - started),
        workflowResults);
  }

  /** {@code @CriticalWorkflow} methods, then the SQL workflows of key cofferdam.workflows. */
  private static List<Workflows.Workflow> workflows(ExtensionContext context, Settings settings) {
    Class<?> testClass = context.getRequiredTestClass();
    List<Workflows.Workflow> all = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Method> methods =
        AnnotationSupport.findAnnotatedMethods(
            testClass, CriticalWorkflow.class, HierarchyTraversalMode.TOP_DOWN);
    Object instance = null;
    for (Method m : methods) {
      if (m.getParameterCount() != 1
          || !(m.getParameterTypes()[0] == Connection.class
              || m.getParameterTypes()[0] == DataSource.class)) {
        problems.add(
            "@CriticalWorkflow method "
                + m.getName()
                + " must take one parameter, a java.sql.Connection or a javax.sql.DataSource");
        continue;
      }
      if (!Modifier.isStatic(m.getModifiers()) && instance == null) {
        instance = context.getTestInstance().orElse(null);
        if (instance == null) {
          try {
            instance = instantiate(testClass);
          } catch (RuntimeException e) {
            problems.add(
                "@CriticalWorkflow method "
                    + m.getName()
                    + " needs an instance of "
                    + testClass.getSimpleName()
                    + " during the walk, but it cannot be created with a no-argument constructor ("
                    + e
                    + "); make the method static or the class @TestInstance(PER_CLASS)");
            continue;
          }
        }
      }
      all.add(new MethodWorkflow(m, instance, m.getAnnotation(CriticalWorkflow.class)));
    }
    if (!settings.workflows().isEmpty()) {
      for (Map.Entry<String, String> file :
          SqlFiles.read(settings.workflows(), testClass.getClassLoader()).entrySet()) {
        Workflows.transactionControlIn(file.getKey(), file.getValue()).ifPresent(problems::add);
        all.add(Workflows.sql(file.getKey(), file.getValue()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(
          testClass.getName() + ":\n  - " + String.join("\n  - ", problems));
    }
    return all;
  }

  /**
   * An instance of a test class for running workflows during the walk, before JUnit has made one: a
   * {@code @Nested} (inner) class gets a fresh instance of its enclosing class too.
   */
  private static Object instantiate(Class<?> type) {
    Class<?> enclosing = type.getEnclosingClass();
    if (enclosing != null && !Modifier.isStatic(type.getModifiers())) {
      return ReflectionSupport.newInstance(type, instantiate(enclosing));
    }
    return ReflectionSupport.newInstance(type);
  }

  /** A {@code @CriticalWorkflow} method as a workflow. */
  private static final class MethodWorkflow implements Workflows.Workflow {
    private final Method method;
    private final Object instance;
    private final CriticalWorkflow annotation;

    MethodWorkflow(Method method, Object instance, CriticalWorkflow annotation) {
      this.method = method;
      this.instance = instance;
      this.annotation = annotation;
      method.setAccessible(true);
    }

    @Override
    public String name() {
      return method.getName();
    }

    @Override
    public String since() {
      return annotation.since();
    }

    @Override
    public String mustSurvive() {
      return annotation.mustSurvive();
    }

    @Override
    public void run(Connection connection, DataSource dataSource) throws Throwable {
      Object argument = method.getParameterTypes()[0] == Connection.class ? connection : dataSource;
      try {
        method.invoke(Modifier.isStatic(method.getModifiers()) ? null : instance, argument);
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /**
   * A {@code @CriticalWorkflow} method's node: it already ran after every migration during the
   * walk, so its verdict decides the node; the method is not run again.
   */
  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    Method method = invocationContext.getExecutable();
    MigrationRun run = context.getStore(NAMESPACE).get(MigrationRun.class, MigrationRun.class);
    Optional<WorkflowResult> result =
        method.isAnnotationPresent(CriticalWorkflow.class) && run != null
            ? run.workflow(method.getName())
            : Optional.empty();
    if (result.isEmpty()) {
      invocation.proceed();
      return;
    }
    invocation.skip();
    context.publishReportEntry("cofferdam.workflow", result.get().report());
    if (result.get().broken()) {
      throw new org.opentest4j.AssertionFailedError(result.get().report());
    }
  }

  /** Seed SQL files (key cofferdam.seeds) first, then {@code @BeforeMigration} methods. */
  private static Seeds seeds(ExtensionContext context, SeedFiles seedFiles) {
    Class<?> testClass = context.getRequiredTestClass();
    Seeds files = seedFiles == null ? Seeds.NONE : seedFiles;
    List<Method> methods =
        AnnotationSupport.findAnnotatedMethods(
            testClass, BeforeMigration.class, HierarchyTraversalMode.TOP_DOWN);
    List<String> problems = new ArrayList<>();
    Optional<Object> instance = context.getTestInstance();
    for (Method m : methods) {
      if (m.getParameterCount() != 1
          || !(m.getParameterTypes()[0] == Connection.class
              || m.getParameterTypes()[0] == DataSource.class)) {
        problems.add(
            "@BeforeMigration method "
                + m.getName()
                + " must take one parameter, a java.sql.Connection or a javax.sql.DataSource");
      }
      if (!Modifier.isStatic(m.getModifiers()) && instance.isEmpty()) {
        problems.add(
            "@BeforeMigration method "
                + m.getName()
                + " must be static (or the class annotated @TestInstance(PER_CLASS)): it runs"
                + " before any test instance exists");
      }
    }
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(
          testClass.getName() + ":\n  - " + String.join("\n  - ", problems));
    }
    if (methods.isEmpty()) {
      return files;
    }
    return (migration, connection) -> {
      boolean ran = files.before(migration, connection);
      for (Method m : methods) {
        BeforeMigration seed = m.getAnnotation(BeforeMigration.class);
        if (migration.getVersion() == null
            || !MigrationVersion.fromVersion(seed.value()).equals(migration.getVersion())) {
          continue;
        }
        Object argument =
            m.getParameterTypes()[0] == Connection.class
                ? connection
                : context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
        m.setAccessible(true);
        try {
          m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance.orElseThrow(), argument);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw SeedFailure.of(
              "@BeforeMigration method " + m.getName(),
              migration,
              e.getCause(),
              Optional.empty(),
              Optional.empty());
        }
        ran = true;
      }
      return ran;
    };
  }

  private static ServerHandle server(ExtensionContext context, ServerSpec spec) {
    Store root = context.getRoot().getStore(NAMESPACE);
    try {
      return root.getOrComputeIfAbsent(
          "server " + spec.sharingKey(), key -> Providers.start(spec), ServerHandle.class);
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(
          "Cofferdam cannot provide PostgreSQL with provider "
              + spec.provider()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return (type == MigrationRun.class
            || type == DataSource.class
            || type == Connection.class
            || type == Migrator.class)
        && context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Store store = context.getStore(NAMESPACE);
    TestDatabase database = store.get(TestDatabase.class, TestDatabase.class);
    if (type == MigrationRun.class) {
      MigrationRun run = store.get(MigrationRun.class, MigrationRun.class);
      if (run == null) {
        throw new ParameterResolutionException(
            "the migrations of " + context.getRequiredTestClass().getName() + " have not run yet");
      }
      return run;
    }
    if (type == DataSource.class) {
      return database;
    }
    if (type == Migrator.class) {
      Settings settings = store.get(Settings.class, Settings.class);
      ServerRef server = store.get(ServerHandle.class.getName(), ServerRef.class);
      DefaultMigrator migrator =
          new DefaultMigrator(
              server.handle,
              settings.flyway(),
              settings.policy(),
              context.getUniqueId(),
              store.get(MigrationWalker.Plan.class, MigrationWalker.Plan.class),
              settings.environment(),
              settings.statementTimeout(),
              settings.lockTimeout());
      store.put(new Object(), migrator); // its database is dropped when the method ends
      return migrator;
    }
    try {
      Connection connection = database.getConnection();
      store.put(new Object(), connection); // closed when the method (or class) context closes
      return connection;
    } catch (SQLException e) {
      throw new ParameterResolutionException(
          "cannot connect to " + database + ": " + e.getMessage(), e);
    }
  }

  /** The shared server, held by a class without the store closing it (the root store does). */
  private static final class ServerRef {
    final ServerHandle handle;

    ServerRef(ServerHandle handle) {
      this.handle = handle;
    }
  }

  /** A migration failed: the walk stopped, and the test class fails with one message. */
  static final class MigrationFailedError extends AssertionError {
    private static final long serialVersionUID = 1L;

    MigrationFailedError(String message) {
      super(message);
    }
  }
}
