package dev.hangar.engine.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Remembers a pure function's answers. Bounded the simplest way: when full it forgets everything,
 * which only costs recomputing. Worth it where every request would otherwise repeat the same work
 * (runners send the same capabilities on every claim).
 */
public final class Memo<K, V> {

  private final int limit;
  private final Function<K, V> function;
  private final Map<K, V> answers = new ConcurrentHashMap<>();

  public Memo(int limit, Function<K, V> function) {
    this.limit = limit;
    this.function = function;
  }

  public V get(K key) {
    return get(key, remembered -> true);
  }

  /**
   * The remembered answer if {@code current} accepts it, else a fresh one (which is remembered
   * instead).
   */
  public V get(K key, Predicate<V> current) {
    V answer = answers.get(key);
    if (answer == null || !current.test(answer)) {
      answer = function.apply(key);
      if (answers.size() >= limit) {
        answers.clear();
      }
      answers.put(key, answer);
    }
    return answer;
  }
}
