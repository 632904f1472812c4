package dev.cvos.server.plugin;

import dev.cvos.storage.spi.ObjectStoreFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars for tests: compiles Java sources against the storage SPI alone with the JDK's
 * compiler, and packs classes and resources into a jar with {@link JarOutputStream}.
 */
final class PluginJars {
  /** The service file a plugin registers its factory in. */
  static final String SERVICE_FILE = "META-INF/services/" + ObjectStoreFactory.class.getName();

  private PluginJars() {}

  /**
   * Compiles {@code sources} (fully qualified class name to source) against the SPI and writes a
   * jar holding the classes and {@code resources} (path to text).
   */
  static Path compile(Path jar, Map<String, String> sources, Map<String, String> resources) throws IOException {
    return compile(jar, sources, resources, List.of());
  }

  /** As {@link #compile(Path, Map, Map)}, with more jars on the compile class path. */
  static Path compile(Path jar, Map<String, String> sources, Map<String, String> resources, List<Path> classpath)
      throws IOException {
    Path classes = Files.createTempDirectory("plugin-classes");
    try {
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach((name, source) -> units.add(new Source(name, source)));
      StringWriter diagnostics = new StringWriter();
      try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        List<String> path = new ArrayList<>(List.of(spiLocation().toString()));
        classpath.forEach(entry -> path.add(entry.toString()));
        List<String> options = List.of("--release", "17", "-classpath", String.join(java.io.File.pathSeparator, path),
            "-d", classes.toString(), "-proc:none");
        if (!compiler.getTask(diagnostics, files, null, options, null, units).call()) {
          throw new IllegalStateException("test plugin does not compile: " + diagnostics);
        }
      }
      return pack(jar, classes, resources);
    } finally {
      deleteTree(classes);
    }
  }

  /** Writes a jar of every file under {@code classes}, plus {@code resources}. */
  static Path pack(Path jar, Path classes, Map<String, String> resources) throws IOException {
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      List<String> written = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
          String name = classes.relativize(path).toString().replace('\\', '/');
          if (name.equals("META-INF/MANIFEST.MF") || resources.containsKey(name)) {
            continue;
          }
          out.putNextEntry(new JarEntry(name));
          Files.copy(path, out);
          out.closeEntry();
          written.add(name);
        }
      }
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        out.putNextEntry(new JarEntry(resource.getKey()));
        out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * Installs the example plugin ({@code examples/cvos-example-store}) as {@code
   * plugins/<name>/cvos-example-store.jar}, packed from the classes the reactor built (the build
   * passes their directory in {@code cvos.example-store.classes}; the plugin is not on this test's
   * class path).
   */
  static Path installExample(Path pluginsDir, String name) throws IOException {
    String classes = System.getProperty("cvos.example-store.classes");
    if (classes == null || !Files.isDirectory(Path.of(classes))) {
      throw new IllegalStateException("the example plugin's classes are not built (cvos.example-store.classes is "
          + classes + "); run the tests through Maven: ./mvnw -pl cvos-server -am verify");
    }
    return pack(pluginsDir.resolve(name).resolve("cvos-example-store.jar"), Path.of(classes), Map.of());
  }

  private static Path spiLocation() {
    try {
      return Path.of(ObjectStoreFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
