package movierec.runners.trial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The few most recently used values by key, each loaded once even when several trials ask at the
 * same time. Bounded by count so that a long-lived worker does not keep every dataset it has seen.
 * A value is loaded outside the lock: a trial waiting for one dataset does not block a trial that
 * reads another.
 */
final class RecentCache<K, V> {
  private final Map<K, FutureTask<V>> entries;

  RecentCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, FutureTask<V>> eldest) {
        return size() > capacity;
      }
    };
  }

  V get(K key, Function<? super K, ? extends V> load) {
    FutureTask<V> task;
    boolean mine = false;
    synchronized (this) {
      task = entries.get(key);
      if (task == null) {
        task = new FutureTask<>(() -> load.apply(key));
        entries.put(key, task);
        mine = true;
      }
    }
    if (mine) task.run();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + key, e);
    } catch (ExecutionException e) {
      // A failed load is not kept: the next trial tries again (the folder may be fixed by then).
      synchronized (this) {
        entries.remove(key, task);
      }
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
