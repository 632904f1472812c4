package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class-loader-safe wrapper overrides every method of what it wraps, default methods
 * included (as Trino's {@code TestClassLoaderSafeWrappers} checks): a method it inherits would run
 * the plugin's code (a default method a plugin overrides, or a stream method that reads) without
 * the plugin's class loader as the thread context class loader. A new SPI method, or a new
 * wrapper, fails here until it is wrapped.
 */
class ClassLoaderSafeWrappersTest {
  /** Each wrapper, and the types whose every overridable method it must override. */
  private static final Map<Class<?>, List<Class<?>>> WRAPPED = Map.of(
      ClassLoaderSafeObjectStore.class, List.of(ObjectStore.class),
      ClassLoaderSafeStoreFactory.class, List.of(ObjectStoreFactory.class),
      ClassLoaderSafeInputStream.class, List.of(InputStream.class),
      ClassLoaderSafeChannelInputStream.class, List.of(InputStream.class, ReadableByteChannel.class));

  @Test
  void everyWrapperOverridesEveryMethodOfWhatItWraps() {
    List<String> missing = new ArrayList<>();
    WRAPPED.forEach((wrapper, wrapped) -> {
      for (Class<?> type : wrapped) {
        for (Method method : overridable(type)) {
          if (!overrides(wrapper, method)) {
            missing.add(wrapper.getSimpleName() + " does not override " + type.getSimpleName() + "."
                + method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ", "(", ")")));
          }
        }
      }
    });
    assertThat(missing).as("methods a wrapper inherits instead of running them in the plugin's class loader")
        .isEmpty();
  }

  @Test
  void everyClassLoaderSafeClassOfThePluginPackageIsChecked() throws Exception {
    assertThat(wrappersInPackage()).as("ClassLoaderSafe* classes of the plugin package (add a new one to WRAPPED)")
        .isEqualTo(WRAPPED.keySet().stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void theCheckFailsForAWrapperThatInheritsAMethod() throws Exception {
    Method capabilities = ObjectStore.class.getMethod("capabilities");
    assertThat(overrides(ClassLoaderSafeObjectStore.class, capabilities)).isTrue();
    Method channelRead = ReadableByteChannel.class.getMethod("read", java.nio.ByteBuffer.class);
    assertThat(overrides(ClassLoaderSafeInputStream.class, channelRead)).isFalse();
    assertThat(overrides(ClassLoaderSafeChannelInputStream.class, channelRead)).isTrue();
    Method readAll = InputStream.class.getMethod("readAllBytes");
    assertThat(overrides(ClassLoaderSafeChannelInputStream.class, readAll)).as("declared by its superclass").isTrue();
  }

  @Test
  void aPluginsChannelBodyStaysAChannelReadWithThePluginsClassLoader() throws Exception {
    ClassLoader plugin = new java.net.URLClassLoader("a-plugin", new java.net.URL[0], null);
    ChannelBody body = new ChannelBody();

    InputStream wrapped = ClassLoaderSafeInputStream.of(body, plugin);

    assertThat(wrapped).isInstanceOf(ReadableByteChannel.class);
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(8);
    assertThat(((ReadableByteChannel) wrapped).read(buffer)).isEqualTo(8);
    assertThat(body.loaderOfLastRead).isSameAs(plugin);
    assertThat(ClassLoaderSafeInputStream.of(InputStream.nullInputStream(), plugin))
        .isNotInstanceOf(ReadableByteChannel.class);
  }

  /** A plugin's body that is also a channel, and remembers the class loader it was read with. */
  private static final class ChannelBody extends InputStream implements ReadableByteChannel {
    private ClassLoader loaderOfLastRead;

    @Override
    public int read() {
      loaderOfLastRead = Thread.currentThread().getContextClassLoader();
      return 0;
    }

    @Override
    public int read(java.nio.ByteBuffer target) {
      loaderOfLastRead = Thread.currentThread().getContextClassLoader();
      int n = target.remaining();
      target.position(target.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }

  /** The public instance methods of the type a subclass can override, defaults included. */
  private static List<Method> overridable(Class<?> type) {
    return Stream.of(type.isInterface() ? type.getMethods() : type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
        .filter(m -> !m.isSynthetic() && !m.isBridge())
        .toList();
  }

  /** Whether the wrapper, or a superclass of it that is itself a wrapper, declares the method. */
  private static boolean overrides(Class<?> wrapper, Method method) {
    for (Class<?> c = wrapper; c != null && (c == wrapper || WRAPPED.containsKey(c)); c = c.getSuperclass()) {
      try {
        Method declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
        if (method.getReturnType().isAssignableFrom(declared.getReturnType())) {
          return true;
        }
      } catch (NoSuchMethodException e) {
        // not declared here: look in the wrapper's superclass
      }
    }
    return false;
  }

  private static Set<String> wrappersInPackage() throws IOException, URISyntaxException {
    Path classes = Path.of(ClassLoaderSafeObjectStore.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(ClassLoaderSafeObjectStore.class.getPackageName().replace('.', '/'));
    try (Stream<Path> files = Files.list(classes)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> name.startsWith("ClassLoaderSafe") && name.endsWith(".class") && !name.contains("$"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
