package org.chuanbo.cli.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket to Chromium's browser-wide DevTools endpoint. Commands are numbered and matched
 * with their answers by id; a command for a page names that page's session (attached with {@code
 * flatten: true}), so the browser and its pages share this one socket. Every command and every
 * awaited event has a timeout, and a CDP error answer becomes a {@link CdpException} with
 * Chromium's message.
 */
final class CdpConnection implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private record EventWaiter(String sessionId, String method, CompletableFuture<JsonNode> event) {}

  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
  private final List<EventWaiter> eventWaiters = new CopyOnWriteArrayList<>();
  private final Duration sendTimeout;
  private volatile WebSocket socket;
  private volatile String closedBecause;

  private CdpConnection(Duration sendTimeout) {
    this.sendTimeout = sendTimeout;
  }

  static CdpConnection open(URI endpoint, Duration timeout)
      throws IOException, InterruptedException {
    CdpConnection connection = new CdpConnection(timeout);
    try {
      connection.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(endpoint, connection.new Incoming())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return connection;
    } catch (ExecutionException e) {
      throw new IOException("Cannot open the DevTools WebSocket " + endpoint, e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("The DevTools WebSocket " + endpoint + " did not open in " + timeout);
    }
  }

  /**
   * Sends {@code method} with {@code params} to the browser ({@code sessionId} null) or to the page
   * of that session, and returns the answer's {@code result}.
   */
  JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout) {
    long id = nextId.getAndIncrement();
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    if (sessionId != null) {
      command.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    answers.put(id, answer);
    try {
      failIfClosed(method);
      send(method, command.toString());
      JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode error = reply.get("error");
      if (error != null) {
        String data = error.path("data").asText("");
        throw new CdpException(
            method
                + " failed: "
                + error.path("message").asText()
                + (data.isEmpty() ? "" : ": " + data));
      }
      return reply.path("result");
    } catch (TimeoutException e) {
      throw new CdpException(method + " got no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new CdpException(method + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException(method + " was interrupted");
    } finally {
      answers.remove(id);
    }
  }

  /**
   * The next {@code method} event of that session, once it arrives. Ask before sending the command
   * that causes it, or the event may come and go before anyone listens.
   */
  CompletableFuture<JsonNode> nextEvent(String sessionId, String method) {
    CompletableFuture<JsonNode> event = new CompletableFuture<>();
    eventWaiters.add(new EventWaiter(sessionId, method, event));
    if (closedBecause != null) {
      event.completeExceptionally(new CdpException(closedBecause));
    }
    return event;
  }

  /** Waits for an event from {@link #nextEvent}; stops listening for it whatever happens. */
  JsonNode await(CompletableFuture<JsonNode> event, String what, Duration timeout) {
    try {
      return event.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CdpException("No " + what + " within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new CdpException("No " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("Interrupted while waiting for " + what);
    } finally {
      forget(event);
    }
  }

  void forget(CompletableFuture<JsonNode> event) {
    eventWaiters.removeIf(waiter -> waiter.event() == event);
    event.cancel(false);
  }

  @Override
  public void close() {
    failEverything("the DevTools connection was closed by this side");
    WebSocket open = socket;
    if (open != null) {
      open.abort();
    }
  }

  private void send(String method, String text) throws InterruptedException {
    // java.net.http.WebSocket refuses a send while the previous one is still in flight.
    synchronized (this) {
      try {
        socket.sendText(text, true).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new CdpException("Cannot send " + method + ": " + e.getCause().getMessage());
      } catch (TimeoutException e) {
        throw new CdpException(
            "Cannot send " + method + " within " + sendTimeout.toMillis() + " ms");
      }
    }
  }

  private void failIfClosed(String method) {
    if (closedBecause != null) {
      throw new CdpException("Cannot send " + method + ": " + closedBecause);
    }
  }

  private void receive(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      failEverything("Chromium sent a message that is not JSON: " + e.getOriginalMessage());
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = answers.get(message.get("id").asLong());
      if (answer != null) {
        answer.complete(message);
      }
      return;
    }
    String method = message.path("method").asText();
    String sessionId = message.path("sessionId").asText(null);
    for (EventWaiter waiter : eventWaiters) {
      if (waiter.method().equals(method) && Objects.equals(waiter.sessionId(), sessionId)) {
        eventWaiters.remove(waiter);
        waiter.event().complete(message.path("params"));
      }
    }
  }

  private void failEverything(String reason) {
    if (closedBecause == null) {
      closedBecause = reason;
    }
    CdpException closed = new CdpException(closedBecause);
    answers.values().forEach(answer -> answer.completeExceptionally(closed));
    eventWaiters.forEach(waiter -> waiter.event().completeExceptionally(closed));
    eventWaiters.clear();
  }

  /** WebSocket delivers a large message (a screenshot) in parts; this puts them back together. */
  private final class Incoming implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence part, boolean last) {
      message.append(part);
      if (last) {
        String whole = message.toString();
        message.setLength(0);
        receive(whole);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      failEverything("Chromium closed the DevTools connection (" + statusCode + " " + reason + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failEverything("the DevTools connection broke: " + error);
    }
  }
}
