package io.camarad.upkeep.bench.mongo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that delays every chunk of bytes by a fixed time in each direction, as a network
 * would, without limiting throughput: a reader stamps each chunk with its due time and a writer
 * forwards it once due, so pipelined bytes overlap their delays.
 */
final class LatencyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final long delayNanos;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  LatencyProxy(int targetPort, long delayMicros) throws IOException {
    this.targetPort = targetPort;
    this.delayNanos = delayMicros * 1000;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress("127.0.0.1", 0));
    daemon(this::acceptLoop, "latency-proxy-accept");
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket("127.0.0.1", targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        forward(client, server);
        forward(server, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private record Chunk(long dueNanos, byte[] bytes) {}

  private void forward(Socket from, Socket to) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    daemon(() -> read(from, queue), "latency-proxy-read");
    daemon(() -> write(to, queue), "latency-proxy-write");
  }

  private void read(Socket from, BlockingQueue<Chunk> queue) {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = from.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // connection closed
    } finally {
      queue.add(new Chunk(0, null));
    }
  }

  private void write(Socket to, BlockingQueue<Chunk> queue) {
    try (OutputStream out = to.getOutputStream()) {
      while (true) {
        Chunk chunk = queue.take();
        if (chunk.bytes() == null) {
          return;
        }
        for (long wait = chunk.dueNanos() - System.nanoTime();
            wait > 0;
            wait = chunk.dueNanos() - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // connection closed
    }
  }

  private static void daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
