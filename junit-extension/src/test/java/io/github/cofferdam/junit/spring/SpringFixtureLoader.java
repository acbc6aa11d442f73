package io.github.cofferdam.junit.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that shows a fixture class a Spring Boot project's classpath: its {@code
 * application.*} files are those of one folder under {@code spring/} on the test classpath, and
 * nothing else of this module changes. It defines the fixture class itself (so that the class's
 * loader is this one) and can hide SnakeYAML, as a project without it would.
 */
public final class SpringFixtureLoader extends ClassLoader {

  private final String folder;
  private final String fixture;
  private final boolean hideYaml;

  private SpringFixtureLoader(
      String folder, Class<?> fixture, boolean hideYaml, ClassLoader parent) {
    super(parent);
    this.folder = folder;
    this.fixture = fixture.getName();
    this.hideYaml = hideYaml;
  }

  /**
   * The fixture class as a project with the {@code application.*} files of {@code spring/<folder>}
   * sees it.
   */
  public static Class<?> load(Class<?> fixture, String folder, boolean hideYaml) {
    SpringFixtureLoader loader =
        new SpringFixtureLoader(folder, fixture, hideYaml, fixture.getClassLoader());
    try {
      return loader.loadClass(fixture.getName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (hideYaml && name.startsWith("org.yaml.snakeyaml.")) {
      throw new ClassNotFoundException(name + " (hidden: a project without SnakeYAML)");
    }
    if (!name.equals(fixture)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          c = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return c;
    }
  }

  private boolean isApplicationFile(String name) {
    return name.matches("(config/)?application\\.(properties|ya?ml)");
  }

  @Override
  public URL getResource(String name) {
    if (isApplicationFile(name)) {
      return getParent().getResource("spring/" + folder + "/" + name);
    }
    return super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (isApplicationFile(name)) {
      List<URL> urls = new ArrayList<>();
      URL url = getResource(name);
      if (url != null) {
        urls.add(url);
      }
      return Collections.enumeration(urls);
    }
    return super.getResources(name);
  }
}
