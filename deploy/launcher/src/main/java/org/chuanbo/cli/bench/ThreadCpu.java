package org.chuanbo.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the CPU of a phase went, by part of the bench's JVM: each Flink task, the ClickHouse
 * engine, the Kafka broker, garbage collection, the JIT compiler. The whole local stack runs in
 * this one process (the job on a MiniCluster, the broker, chDB behind the HTTP interface), so the
 * kernel's per-thread times in {@code /proc/self/task} account for all of it, native ClickHouse
 * threads that a Java profiler never sees included.
 *
 * <p>A thread is known by its kernel name, which the JVM sets to the first 15 bytes of a Java
 * thread's name: those that match a live Java thread are grouped by it (a Flink task thread, named
 * after its operator chain, by the chain's first operator), JVM-internal ones by their fixed names,
 * and every other one is ClickHouse's (chDB's own thread pools). Threads that ended during the
 * phase are counted in the process's total only ("ended threads").
 */
public final class ThreadCpu {

  /** Kernel clock ticks per second ({@code USER_HZ}): 100 on every Linux architecture in use. */
  private static final double TICKS_PER_SECOND = 100;

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final Pattern FLINK_TASK = Pattern.compile("(.+) \\(\\d+/\\d+\\)#\\d+");
  private static final int KERNEL_NAME_BYTES = 15;

  /**
   * Threads a Flink task starts beside its own, named after it: the Kafka consumers of its sources,
   * its timers, its output flushers; one part per kind, whatever the task.
   */
  private static final Map<String, String> FLINK_TASK_HELPERS =
      Map.of(
          "Source Data Fetcher for ", "Flink: Kafka consumers of the sources",
          "Time Trigger for ", "Flink: timer threads",
          "OutputFlusher for ", "Flink: output flushers");

  public static final String CLICKHOUSE = "ClickHouse engine (native threads)";

  /** The broker's own JVM, a child process: its whole CPU, from {@code /proc/<pid>/stat}. */
  public static final String KAFKA_BROKER = "Kafka broker (child JVM)";

  /** Kafka's client threads in this JVM (the dead-letter producer's, consumer heartbeats). */
  public static final String KAFKA_CLIENTS = "Kafka clients";

  public static final String GC = "JVM garbage collection";
  public static final String JIT = "JVM JIT compiler";

  /** The JVM's other threads of its own (the launcher's, the VM's periodic task). */
  public static final String JVM_OTHER = "JVM other threads";

  public static final String ENDED = "ended threads";

  /**
   * CPU ticks per thread id, of the whole process, and of other processes of the phase (by the part
   * they are), at one moment.
   */
  public record Sample(
      long nanos,
      long processTicks,
      Map<Integer, ThreadTicks> threads,
      Map<String, Long> otherProcessTicks) {}

  record ThreadTicks(String kernelName, long ticks) {}

  /**
   * CPU seconds per part over a phase, largest first, with what the cores could have given.
   *
   * @param parts CPU seconds by part: a Flink task as {@code "Flink: <first operator>"}
   */
  public record Breakdown(double seconds, int cores, Map<String, Double> parts) {

    public double available() {
      return seconds * cores;
    }

    public double used() {
      return parts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The CPU of the Flink tasks together. */
    public double flinkTasks() {
      return parts.entrySet().stream()
          .filter(part -> part.getKey().startsWith("Flink: "))
          .mapToDouble(Map.Entry::getValue)
          .sum();
    }

    public double share(double cpuSeconds) {
      return cpuSeconds / available();
    }
  }

  private ThreadCpu() {}

  /** Whether this system has {@code /proc/self/task} (Linux), without which there is no figure. */
  public static boolean available() {
    return Files.isDirectory(TASKS);
  }

  /**
   * The ticks of this process's threads now, and of each other process named (part → process id):
   * the bench's Kafka broker runs in a JVM of its own.
   */
  public static Sample sample(Map<String, Long> otherProcesses) throws IOException {
    Map<Integer, ThreadTicks> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          threads.put(Integer.parseInt(task.getFileName().toString()), ticks(task.resolve("stat")));
        } catch (IOException ended) {
          // The thread ended between the listing and the read: it counts as an ended thread.
        }
      }
    }
    Map<String, Long> others = new HashMap<>();
    for (Map.Entry<String, Long> process : otherProcesses.entrySet()) {
      others.put(process.getKey(), ticks(Path.of("/proc/" + process.getValue() + "/stat")).ticks());
    }
    return new Sample(
        System.nanoTime(),
        ticks(Path.of("/proc/self/stat")).ticks(),
        Map.copyOf(threads),
        Map.copyOf(others));
  }

  /**
   * What each part used between two samples, the Java threads alive now giving the names. Call it
   * right after taking {@code after}, while the phase's threads still run.
   */
  public static Breakdown between(Sample before, Sample after, int cores) {
    Map<String, String> javaParts = javaPartsByKernelName();
    Map<String, Double> parts = new HashMap<>();
    long counted = 0;
    for (Map.Entry<Integer, ThreadTicks> thread : after.threads().entrySet()) {
      ThreadTicks then = before.threads().get(thread.getKey());
      long used = thread.getValue().ticks() - (then == null ? 0 : then.ticks());
      counted += used;
      parts.merge(
          part(thread.getValue().kernelName(), javaParts), used / TICKS_PER_SECOND, Double::sum);
    }
    long ended = after.processTicks() - before.processTicks() - counted;
    if (ended > 0) {
      parts.put(ENDED, ended / TICKS_PER_SECOND);
    }
    for (Map.Entry<String, Long> process : after.otherProcessTicks().entrySet()) {
      Long then = before.otherProcessTicks().get(process.getKey());
      if (then != null) {
        parts.merge(process.getKey(), (process.getValue() - then) / TICKS_PER_SECOND, Double::sum);
      }
    }
    Map<String, Double> largestFirst = new LinkedHashMap<>();
    parts.entrySet().stream()
        .filter(part -> part.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(part -> largestFirst.put(part.getKey(), part.getValue()));
    return new Breakdown((after.nanos() - before.nanos()) / 1e9, cores, largestFirst);
  }

  /** The part a thread belongs to, from its kernel name. */
  static String part(String kernelName, Map<String, String> javaParts) {
    String javaPart = javaParts.get(kernelName);
    if (javaPart != null) {
      return javaPart;
    }
    if (kernelName.startsWith("GC Thread")
        || kernelName.startsWith("G1 ")
        || kernelName.startsWith("VM Thread")) {
      return GC;
    }
    if (kernelName.startsWith("C1 Compiler") || kernelName.startsWith("C2 Compiler")) {
      return JIT;
    }
    if (kernelName.equals("java") || kernelName.startsWith("VM ")) {
      return JVM_OTHER;
    }
    return CLICKHOUSE;
  }

  /**
   * A Java thread's part: a Flink task by its chain's first operator, the threads tasks start
   * beside them by kind, Kafka's client threads, and any other by its name (the ClickHouse HTTP
   * server's, Flink's runtime, the bench's own).
   */
  static String javaPart(String javaName) {
    for (Map.Entry<String, String> helper : FLINK_TASK_HELPERS.entrySet()) {
      if (javaName.startsWith(helper.getKey())) {
        return helper.getValue();
      }
    }
    Matcher task = FLINK_TASK.matcher(javaName);
    if (task.matches()) {
      String chain = task.group(1);
      int next = chain.indexOf(" -> ");
      return "Flink: " + (next < 0 ? chain : chain.substring(0, next));
    }
    // Kafka's clients name their threads after it (kafka-producer-network-thread, ...).
    if (javaName.toLowerCase().contains("kafka")) {
      return KAFKA_CLIENTS;
    }
    // Numbered threads of one pool are one part: "pool-3-thread-1" and "pool-3-thread-2" alike.
    return "Java: " + javaName.replaceAll("\\d+", "#");
  }

  /**
   * The part of each live Java thread, by the kernel name the JVM gave it. Threads of several parts
   * behind one kernel name (the three Kafka sources' chains all start "Source: chuanbo") make one
   * part, named after all of them.
   */
  private static Map<String, String> javaPartsByKernelName() {
    Map<String, TreeSet<String>> parts = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      parts
          .computeIfAbsent(kernelName(thread.getName()), name -> new TreeSet<>())
          .add(javaPart(thread.getName()));
    }
    Map<String, String> joined = new HashMap<>();
    parts.forEach((kernelName, sharing) -> joined.put(kernelName, joined(sharing)));
    return joined;
  }

  private static String joined(TreeSet<String> parts) {
    if (parts.size() == 1) {
      return parts.first();
    }
    List<String> names = new ArrayList<>();
    for (String part : parts) {
      names.add(part.startsWith("Flink: ") ? part.substring("Flink: ".length()) : part);
    }
    return (parts.first().startsWith("Flink: ") ? "Flink: " : "") + String.join(" + ", names);
  }

  /** The first 15 bytes of a name in UTF-8, as Linux keeps a thread's name. */
  static String kernelName(String javaName) {
    byte[] utf8 = javaName.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= KERNEL_NAME_BYTES) {
      return javaName;
    }
    // A character cut in two is what the kernel keeps too; the bytes decode to a replacement.
    return new String(utf8, 0, KERNEL_NAME_BYTES, StandardCharsets.UTF_8);
  }

  /** A thread's or the process's name and user + system ticks from its {@code stat} line. */
  private static ThreadTicks ticks(Path stat) throws IOException {
    // Not readString: a name cut inside a character is not valid UTF-8, and is decoded with a
    // replacement character, as kernelName decodes the same cut.
    String line = new String(Files.readAllBytes(stat), StandardCharsets.UTF_8);
    // The name is between the first '(' and the last ')', and may hold spaces and parentheses.
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    String[] fields = line.substring(close + 2).split(" ");
    // After the name: state (field 3) ... utime (14) and stime (15), counted from 1.
    long utime = Long.parseLong(fields[14 - 3]);
    long stime = Long.parseLong(fields[15 - 3]);
    return new ThreadTicks(line.substring(open + 1, close), utime + stime);
  }
}
