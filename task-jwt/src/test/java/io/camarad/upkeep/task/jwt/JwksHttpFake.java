package io.camarad.upkeep.task.jwt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An HTTP endpoint that keeps the JWK Set PUT to it (checking the bearer token) and serves it on
 * GET; failures can be queued.
 */
final class JwksHttpFake extends Dispatcher {
  private final String token;
  private final Deque<Integer> failures = new ArrayDeque<>();
  final List<String> puts = new ArrayList<>();
  volatile String current;

  JwksHttpFake(String token) {
    this.token = token;
  }

  void failNext(int... statuses) {
    for (int status : statuses) {
      failures.add(status);
    }
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    if ("GET".equals(request.getMethod())) {
      return current == null ? answer(404, "{}") : answer(200, current);
    }
    if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
      return answer(401, "{\"error\":\"unauthorized\"}");
    }
    if (!failures.isEmpty()) {
      return answer(failures.poll(), "{\"error\":\"refused\"}");
    }
    if (!"PUT".equals(request.getMethod())
        || !request.getHeaders().get("Content-Type").startsWith("application/json")) {
      return answer(405, "{}");
    }
    current = request.getBody().utf8();
    puts.add(current);
    return answer(204, "");
  }

  private static MockResponse answer(int status, String body) {
    return new MockResponse.Builder().code(status).body(body).build();
  }
}
