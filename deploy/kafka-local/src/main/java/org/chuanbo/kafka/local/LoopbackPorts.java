package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on the loopback address, where the local stack listens. */
public final class LoopbackPorts {

  /** The local stack listens on loopback only: it has no authentication. */
  public static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** A port nobody listens on right now, for a listener started right after. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** Whether another process listens on the port (binding it fails). */
  static boolean isTaken(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether a TCP connection to the port succeeds, i.e. something accepts there. */
  static boolean accepts(int port) {
    return accepts(port, 500);
  }

  /** Whether a TCP connection to the loopback port succeeds within {@code timeoutMillis}. */
  public static boolean accepts(int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
