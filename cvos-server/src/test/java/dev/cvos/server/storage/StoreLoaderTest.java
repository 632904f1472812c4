package dev.cvos.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.StoreContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLoaderTest {
  @TempDir
  Path dir;

  private final StoreContext context = StoreContext.of(Clock.systemUTC(), "s1");

  /** A class loader that also registers {@code factories} as ObjectStoreFactory services. */
  private ClassLoader withServices(Class<?>... factories) throws Exception {
    Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
    StringBuilder lines = new StringBuilder();
    for (Class<?> factory : factories) {
      lines.append(factory.getName()).append('\n');
    }
    Files.writeString(services.resolve(ObjectStoreFactory.class.getName()), lines);
    return new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void theLocalStoreIsFoundByName() throws Exception {
    Path root = Files.createDirectory(dir.resolve("objects"));
    StoreLoader loader = new StoreLoader(getClass().getClassLoader());
    assertThat(loader.names()).contains("local");
    try (ObjectStore store = loader.create("local", Map.of("root", root.toString()), context)) {
      assertThat(store.health().healthy()).isTrue();
    }
  }

  @Test
  void anUnknownProviderNamesWhatWasFound() {
    assertThatThrownBy(() -> new StoreLoader(getClass().getClassLoader()).create("nfs3000", Map.of(), context))
        .isInstanceOf(StoreLoadingException.class)
        .hasMessageContaining("storage.provider is 'nfs3000'").hasMessageContaining("local");
  }

  @Test
  void twoPluginsWithOneNameStopTheStart() throws Exception {
    StoreLoader loader = new StoreLoader(withServices(TwinFactoryA.class, TwinFactoryB.class));
    assertThatThrownBy(loader::factories).isInstanceOf(StoreLoadingException.class)
        .hasMessageContaining("two store plugins are named 'twin'")
        .hasMessageContaining(TwinFactoryA.class.getName()).hasMessageContaining(TwinFactoryB.class.getName());
  }

  @Test
  void aPluginBuiltForAnotherSpiVersionIsRefusedByName() throws Exception {
    StoreLoader loader = new StoreLoader(withServices(FutureFactory.class));
    assertThatThrownBy(() -> loader.create("future", Map.of(), context)).isInstanceOf(StoreLoadingException.class)
        .hasMessageContaining("'future'").hasMessageContaining("SPI 99");
  }

  @Test
  void aConfigurationTheStoreRefusesNamesTheProvider() {
    assertThatThrownBy(() -> new StoreLoader(getClass().getClassLoader())
        .create("local", Map.of("root", dir.resolve("absent").toString()), context))
        .isInstanceOf(StoreLoadingException.class)
        .hasMessageContaining("store plugin 'local' refuses its configuration").hasMessageContaining("root");
  }

  /** A plugin that claims the name "twin". */
  public static final class TwinFactoryA extends NamedFactory {
    public TwinFactoryA() {
      super("twin", 1);
    }
  }

  /** Another plugin that claims the name "twin". */
  public static final class TwinFactoryB extends NamedFactory {
    public TwinFactoryB() {
      super("twin", 1);
    }
  }

  /** A plugin built for an SPI the server does not have. */
  public static final class FutureFactory extends NamedFactory {
    public FutureFactory() {
      super("future", 99);
    }
  }

  abstract static class NamedFactory implements ObjectStoreFactory {
    private final String name;
    private final int version;

    NamedFactory(String name, int version) {
      this.name = name;
      this.version = version;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int spiMajorVersion() {
      return version;
    }

    @Override
    public ObjectStore create(Map<String, String> config, StoreContext context) {
      throw new IllegalArgumentException("this test plugin builds no store");
    }
  }
}
