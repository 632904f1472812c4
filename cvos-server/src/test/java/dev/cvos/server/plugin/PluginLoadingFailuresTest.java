package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.StoreContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault of a plugin stops the loading with a message naming its directory and the fix. */
class PluginLoadingFailuresTest {
  private static final String MAJOR = "dev.cvos.storage.spi.SpiVersion.MAJOR";
  private static final StoreContext CONTEXT = StoreContext.of(Clock.systemUTC(), "plugin-test");
  private static final ClassLoader SERVER = PluginLoadingFailuresTest.class.getClassLoader();

  @TempDir
  Path plugins;

  private Path dir(String name) {
    return plugins.resolve(name);
  }

  @Test
  void pluginWithoutProviderIsRefused() throws Exception {
    PluginJars.compile(dir("empty").resolve("empty.jar"), Map.of("x.Helper", "package x; public class Helper {}"),
        Map.of());

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("empty"))
        .hasMessageContaining("provides no store")
        .hasMessageContaining(PluginJars.SERVICE_FILE);
  }

  @Test
  void twoProvidersWithOneNameInOnePluginAreRefused() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("twin.First", TestPlugins.factory("twin", "First", "twin", MAJOR, "return null;"));
    sources.put("twin.Second", TestPlugins.factory("twin", "Second", "twin", MAJOR, "return null;"));
    PluginJars.compile(dir("twins").resolve("twins.jar"), sources,
        Map.of(PluginJars.SERVICE_FILE, "twin.First\ntwin.Second\n"));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("twins") + " has two store providers named 'twin'")
        .hasMessageContaining("twin.First").hasMessageContaining("twin.Second");
  }

  @Test
  void twoPluginsWithOneNameAreRefusedNamingBothDirectories() throws Exception {
    TestPlugins.plugin(dir("a").resolve("a.jar"), "same", MAJOR, TestPlugins.returnProbe("same", "\"a\""));
    TestPlugins.plugin(dir("b").resolve("b.jar"), "same", MAJOR, TestPlugins.returnProbe("same", "\"b\""));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("two store providers are named 'same'")
        .hasMessageContaining("plugin directory " + dir("a"))
        .hasMessageContaining("plugin directory " + dir("b"));
  }

  @Test
  void pluginReusingABuiltInNameIsRefused() throws Exception {
    TestPlugins.plugin(dir("impostor").resolve("impostor.jar"), "local", MAJOR,
        TestPlugins.returnProbe("local", "\"impostor\""));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("two store providers are named 'local'")
        .hasMessageContaining("built-in (dev.cvos.storage.local.LocalObjectStoreFactory)")
        .hasMessageContaining("plugin directory " + dir("impostor"));
  }

  @Test
  void pluginBuiltForAnotherSpiMajorVersionIsRefused() throws Exception {
    TestPlugins.plugin(dir("future").resolve("future.jar"), "future", MAJOR + " + 1",
        TestPlugins.returnProbe("future", "\"future\""));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("future"))
        .hasMessageContaining("was built for storage SPI 2, but this server has storage SPI 1");
  }

  @Test
  void factoryThatThrowsOnCreateFailsNamingThePlugin() throws Exception {
    TestPlugins.plugin(dir("crash").resolve("crash.jar"), "crash", MAJOR,
        "throw new IllegalStateException(\"backend driver exploded\");");
    TestPlugins.plugin(dir("picky").resolve("picky.jar"), "picky", MAJOR,
        "throw new IllegalArgumentException(\"storage.config.bucket is missing\");");
    TestPlugins.plugin(dir("nothing").resolve("nothing.jar"), "nothing", MAJOR, "return null;");
    StoreProviders providers = StoreProviders.load(plugins, SERVER);

    assertThatThrownBy(() -> providers.factory("crash").create(Map.of(), CONTEXT))
        .isInstanceOf(PluginFailureException.class)
        .hasMessageContaining("plugin directory " + dir("crash"))
        .hasMessageContaining("failed to create its store")
        .hasMessageContaining("backend driver exploded");
    assertThatThrownBy(() -> providers.factory("picky").create(Map.of(), CONTEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plugin directory " + dir("picky") + " (test.plugin.picky.Factory): storage.config.bucket is missing");
    assertThatThrownBy(() -> providers.factory("nothing").create(Map.of(), CONTEXT))
        .isInstanceOf(PluginFailureException.class)
        .hasMessageContaining("plugin directory " + dir("nothing"))
        .hasMessageContaining("returned no store");
  }

  @Test
  void unreadableJarIsRefusedNamingItsDirectory() throws Exception {
    Files.createDirectories(dir("damaged"));
    Files.write(dir("damaged").resolve("store.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("damaged") + ": jar store.jar cannot be read");
  }

  @Test
  void pluginDirectoryWithoutJarIsRefused() throws Exception {
    Files.createDirectories(dir("hollow"));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("hollow") + " holds no jar");
  }

  @Test
  void jarDirectlyInThePluginsDirectoryIsRefused() throws Exception {
    TestPlugins.plugin(plugins.resolve("loose.jar"), "loose", MAJOR, TestPlugins.returnProbe("loose", "\"x\""));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("holds loose.jar, which is not a directory");
  }

  @Test
  void registeredProviderClassThatIsMissingIsRefused() throws Exception {
    PluginJars.compile(dir("typo").resolve("typo.jar"), Map.of("x.Helper", "package x; public class Helper {}"),
        Map.of(PluginJars.SERVICE_FILE, "x.NoSuchFactory\n"));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("typo") + ": a store provider cannot be loaded")
        .hasMessageContaining("x.NoSuchFactory");
  }

  @Test
  void providerNeedingALibraryTheServerHasButThePluginLacksIsRefused() throws Exception {
    PluginJars.compile(dir("needy").resolve("needy.jar"), Map.of("needy.Factory", """
        package needy;
        import dev.cvos.storage.spi.*;
        import java.util.Map;
        public final class Factory implements ObjectStoreFactory {
          private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Factory.class);
          public String name() { return "needy"; }
          public int spiMajorVersion() { return SpiVersion.MAJOR; }
          public ObjectStore create(Map<String, String> config, StoreContext context) { return null; }
        }
        """), Map.of(PluginJars.SERVICE_FILE, "needy.Factory\n"), java.util.List.of(slf4jJar()));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin directory " + dir("needy"))
        .hasMessageContaining("ClassNotFoundException: org.slf4j.LoggerFactory");
  }

  private static Path slf4jJar() throws Exception {
    return Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void unknownProviderNameListsTheAvailableOnes() throws Exception {
    TestPlugins.plugin(dir("probe").resolve("probe.jar"), "probe", MAJOR, TestPlugins.returnProbe("probe", "\"p\""));

    assertThatThrownBy(() -> StoreProviders.load(plugins, SERVER).factory("s3"))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("storage.provider is 's3'")
        .hasMessageContaining("available: [")
        .hasMessageContaining("local")
        .hasMessageContaining("probe")
        .hasMessageContaining(plugins.toString());
  }

  @Test
  void pluginsPathThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(plugins.resolve("plugins.txt"), "x");

    assertThatThrownBy(() -> StoreProviders.load(file, SERVER))
        .isInstanceOf(PluginLoadingException.class)
        .hasMessageContaining("plugin.dir " + file + " is not a directory");
  }
}
