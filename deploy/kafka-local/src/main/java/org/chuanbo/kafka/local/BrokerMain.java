package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * The broker JVM's entry point: Kafka's own {@code kafka.Kafka}, plus a watch on the parent. The
 * parent holds this JVM's standard input open and never writes to it; when the parent goes away —
 * even by {@code kill -9}, which runs no shutdown hook — the operating system closes it, the read
 * here ends, and the broker exits the normal way (Kafka's shutdown hook flushes its logs). So no
 * broker outlives its stack and keeps holding its port and data directory.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Thread watch = new Thread(BrokerMain::exitWhenParentGoes, "exit-with-parent");
    watch.setDaemon(true);
    watch.start();
    // By name: the broker is on the child's classpath only (a runtime dependency of this module).
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void exitWhenParentGoes() {
    InputStream parent = System.in;
    try {
      while (parent.read() != -1) {
        // the parent writes nothing; any byte is ignored
      }
    } catch (IOException closed) {
      // a broken pipe means the same: the parent is gone
    }
    System.err.println("the stack that started this broker is gone; shutting down");
    System.exit(0);
  }
}
