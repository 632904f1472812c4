package dev.cvos.server.object;

import com.google.inject.Inject;
import dev.cvos.domain.object.SweepListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs and counts what the expiry sweep did. */
public final class SweepLog implements SweepListener {
  private static final Logger LOG = LoggerFactory.getLogger(SweepLog.class);

  private final Counter reclaimed;
  private final Counter failures;

  @Inject
  public SweepLog(MeterRegistry registry) {
    this.reclaimed = Counter.builder("cvos.expiry.reclaimed").description("expired objects whose bytes were reclaimed")
        .register(registry);
    this.failures = Counter.builder("cvos.expiry.sweep.failures").description("expiry sweeps that failed")
        .register(registry);
  }

  @Override
  public void swept(int count) {
    reclaimed.increment(count);
    if (count > 0) {
      LOG.info("expiry sweep reclaimed {} expired objects", count);
    }
  }

  @Override
  public void failed(Exception failure) {
    failures.increment();
    LOG.warn("expiry sweep failed; the next one runs on schedule: {}", failure.toString());
  }
}
