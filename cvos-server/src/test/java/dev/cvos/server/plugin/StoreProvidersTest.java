package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins load from their directories, each in a class loader that sees the JDK and the SPI only. */
class StoreProvidersTest {
  private static final StoreContext CONTEXT = StoreContext.of(Clock.systemUTC(), "plugin-test");
  private static final ClassLoader SERVER = StoreProvidersTest.class.getClassLoader();

  @TempDir
  Path plugins;

  @TempDir
  Path storage;

  @Test
  void builtInProvidersComeFromTheServerClassPathWhenNoPluginsDirectoryExists() throws Exception {
    StoreProviders providers = StoreProviders.load(plugins.resolve("missing"), SERVER);

    assertThat(providers.factories()).containsKey("local");
    assertThat(providers.providers().values()).allSatisfy(p -> assertThat(p.origin()).startsWith("built-in"));
    assertThat(providers.providers().get("local").origin()).startsWith("built-in");
  }

  private java.util.Set<String> builtInNames() throws Exception {
    return StoreProviders.load(plugins.resolve("missing"), SERVER).factories().keySet();
  }

  @Test
  void exampleIsNotOnTheServerClassPath() {
    assertThatThrownBy(() -> SERVER.loadClass("dev.cvos.example.store.FlatFileStoreFactory"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void examplePluginLoadsInItsOwnClassLoaderAndStoresObjects() throws Exception {
    PluginJars.installExample(plugins, "example");

    StoreProviders providers = StoreProviders.load(plugins, SERVER);

    assertThat(providers.factories().keySet()).containsAll(List.of("flat", "local"))
        .hasSize(builtInNames().size() + 1);
    assertThat(providers.providers().get("flat").origin()).contains(plugins.resolve("example").toString());
    ObjectStoreFactory plugin = ((ClassLoaderSafeStoreFactory) providers.factory("flat")).delegate();
    assertThat(plugin.getClass().getName()).isEqualTo("dev.cvos.example.store.FlatFileStoreFactory");
    assertThat(plugin.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
    assertThat(plugin.getClass().getClassLoader().getName()).isEqualTo("plugin-example");
    try (ObjectStore store = providers.factory("flat").create(Map.of("root", storage.toString()), CONTEXT)) {
      store.put(WriteRequest.of("b", "k"), new ByteArrayInputStream("plugged in".getBytes(StandardCharsets.UTF_8)));
      try (StoredObject object = store.get("b", "k", ByteRange.ALL)) {
        assertThat(new String(object.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("plugged in");
      }
      assertThat(store.delete("b", "k")).isTrue();
    }
  }

  @Test
  void pluginSeesTheJdkAndTheSpiButNothingElseOfTheServer() throws Exception {
    PluginJars.installExample(plugins, "example");
    ClassLoader loader = ((ClassLoaderSafeStoreFactory) StoreProviders.load(plugins, SERVER).factory("flat"))
        .delegate().getClass().getClassLoader();

    assertThat(loader.loadClass(ObjectStoreFactory.class.getName())).isSameAs(ObjectStoreFactory.class);
    assertThat(loader.loadClass("dev.cvos.storage.spi.format.ObjectFileFormat"))
        .isSameAs(dev.cvos.storage.spi.format.ObjectFileFormat.class);
    assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
    for (String hidden : List.of("dev.cvos.server.CvosServer", "dev.cvos.storage.local.LocalObjectStoreFactory",
        "org.slf4j.LoggerFactory", "com.google.inject.Guice", "dev.cvos.storage.spi.tck.ObjectStoreContractTest",
        "org.junit.jupiter.api.Test")) {
      assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
    }
    assertThat(loader.getResource("dev/cvos/server/version.properties")).isNull();
    assertThat(java.util.Collections.list(loader.getResources(PluginJars.SERVICE_FILE))).hasSize(1);
  }

  @Test
  void pluginBundlingALibraryAndAClassTheServerAlsoHasSeesItsOwn() throws Exception {
    Path directory = plugins.resolve("shadow");
    Path library = PluginJars.compile(directory.resolve("jackson-databind-0.0.1.jar"), Map.of(
        "com.fasterxml.jackson.databind.cfg.PackageVersion", """
            package com.fasterxml.jackson.databind.cfg;
            public final class PackageVersion {
              public static String text() { return "plugin's jackson-databind 0.0.1"; }
            }
            """,
        "dev.cvos.server.CvosVersion", """
            package dev.cvos.server;
            public final class CvosVersion {
              public static String current() { return "plugin's own CvosVersion"; }
            }
            """), Map.of());
    TestPlugins.plugin(directory.resolve("shadow.jar"), "shadow", "dev.cvos.storage.spi.SpiVersion.MAJOR",
        TestPlugins.returnProbe("shadow", "com.fasterxml.jackson.databind.cfg.PackageVersion.text() + \" | \""
            + " + dev.cvos.server.CvosVersion.current()"), List.of(library));

    StoreProviders providers = StoreProviders.load(plugins, SERVER);

    try (ObjectStore store = providers.factory("shadow").create(Map.of(), CONTEXT)) {
      assertThat(store.health().detail())
          .isEqualTo("plugin's jackson-databind 0.0.1 | plugin's own CvosVersion tccl=plugin-shadow");
    }
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion()).isEqualTo(2);
    assertThat(dev.cvos.server.CvosVersion.current()).isNotEqualTo("plugin's own CvosVersion");
  }

  @Test
  void everyCallIntoThePluginRunsWithItsContextClassLoaderAndRestoresTheCallers() throws Exception {
    TestPlugins.plugin(plugins.resolve("probe").resolve("probe.jar"), "probe", "dev.cvos.storage.spi.SpiVersion.MAJOR",
        "if (!Thread.currentThread().getContextClassLoader().getName().equals(\"plugin-probe\")) {"
            + " throw new IllegalStateException(\"create ran with the wrong context class loader\"); }"
            + TestPlugins.returnProbe("probe", "\"probe\""));
    ClassLoader caller = Thread.currentThread().getContextClassLoader();

    try (ObjectStore store = StoreProviders.load(plugins, SERVER).factory("probe").create(Map.of(), CONTEXT)) {
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
      assertThat(store.health().detail()).isEqualTo("probe tccl=plugin-probe");
      assertThat(store.buckets()).containsExactly("plugin-probe");
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
    }
  }

  @Test
  void pluginDirectoriesMayHoldSeveralJarsAndOtherFilesAreIgnored() throws Exception {
    PluginJars.installExample(plugins, "example");
    Files.writeString(plugins.resolve("example").resolve("README.txt"), "not a jar, left alone");
    Files.writeString(plugins.resolve("README.txt"), "one directory per plugin");
    TestPlugins.plugin(plugins.resolve("example").resolve("extra.jar"), "extra", "dev.cvos.storage.spi.SpiVersion.MAJOR",
        TestPlugins.returnProbe("extra", "\"extra\""));

    assertThat(StoreProviders.load(plugins, SERVER).factories().keySet()).containsAll(List.of("extra", "flat"))
        .hasSize(builtInNames().size() + 2);
  }
}
