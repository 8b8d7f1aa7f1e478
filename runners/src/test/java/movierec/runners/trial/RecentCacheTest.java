package movierec.runners.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import movierec.core.data.Dataset;
import org.junit.jupiter.api.Test;

class RecentCacheTest {
  @Test
  void keepsOnlyTheMostRecentlyUsedValues() {
    List<String> loads = new ArrayList<>();
    RecentCache<String, String> cache = new RecentCache<>(2);
    for (String key : List.of("a", "b", "a", "c", "a", "b")) cache.get(key, k -> {
      loads.add(k);
      return k.toUpperCase();
    });
    // "a" stays (used again before "c" came); "b" was the least recent when "c" came, so it is loaded again.
    assertEquals(List.of("a", "b", "c", "b"), loads);
    assertEquals(2, cache.size());
  }

  @Test
  void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
    RecentCache<String, Object> cache = new RecentCache<>(1);
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) results.add(pool.submit(() -> cache.get("k", k -> {
        loads.incrementAndGet();
        started.countDown();
        await(release);
        return new Object();
      })));
      started.await(5, TimeUnit.SECONDS);
      release.countDown();
      Object first = results.get(0).get(5, TimeUnit.SECONDS);
      for (Future<Object> f : results) assertSame(first, f.get(5, TimeUnit.SECONDS));
      assertEquals(1, loads.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedLoadIsNotKept() {
    RecentCache<String, String> cache = new RecentCache<>(2);
    assertThrows(IllegalArgumentException.class, () -> cache.get("x", k -> {
      throw new IllegalArgumentException("no such folder");
    }));
    assertEquals(0, cache.size());
    assertEquals("ok", cache.get("x", k -> "ok"));
  }

  @Test
  void aWorkerThatSeesManyDatasetsKeepsOnlyTheLastTwo() {
    Dataset latest = null;
    for (long seed = 1; seed <= 4; seed++) latest = DatasetSpec.synthetic("tiny", seed).load();
    assertEquals(2, DatasetSpec.CACHE.size());
    assertSame(latest, DatasetSpec.synthetic("tiny", 4).load(), "the most recent one is still cached");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
