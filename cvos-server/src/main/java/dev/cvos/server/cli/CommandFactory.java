package dev.cvos.server.cli;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Makes the commands with what they need (the environment, a clock) through their constructors,
 * so tests hand in their own.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final Map<String, String> environment;
  private final Clock clock;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(Map<String, String> environment, Clock clock) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      return type.getDeclaredConstructor(Map.class, Clock.class).newInstance(environment, clock);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    } catch (InvocationTargetException e) {
      throw new CommandLine.InitializationException("cannot create " + type.getName() + ": " + e.getCause());
    }
  }
}
