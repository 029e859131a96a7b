package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proves that the fake refuses what Cloudflare refuses, so passing against it means something. */
class CloudflareFakeTests {
  private final OkHttpClient http = new OkHttpClient();
  private CloudflareFake fake;

  @AfterEach
  void stop() {
    fake.close();
  }

  private Response post(String authorization, String body) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url(
                fake.baseUrl()
                    .newBuilder()
                    .addPathSegments("zones/" + CloudflareFake.ZONE + "/purge_cache")
                    .build())
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.newCall(request.build()).execute();
  }

  @Test
  void acceptsAValidPurgeAndRecordsIt() throws Exception {
    fake = new CloudflareFake("tok", 100);
    try (Response response = post("Bearer tok", "{\"files\":[\"https://a.example/x\"]}")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("\"success\":true");
    }
    assertThat(fake.purgedFiles).containsExactly("https://a.example/x");
  }

  @Test
  void refusesARequestWithoutBearerTokenOrWithAnotherOne() throws Exception {
    fake = new CloudflareFake("tok", 100);
    try (Response none = post(null, "{\"files\":[\"https://a.example/x\"]}");
        Response wrong = post("Bearer other", "{\"files\":[\"https://a.example/x\"]}")) {
      assertThat(none.code()).isEqualTo(403);
      assertThat(wrong.code()).isEqualTo(403);
      assertThat(wrong.body().string()).contains("\"success\":false").contains("10000");
    }
    assertThat(fake.purgedFiles).isEmpty();
  }

  @Test
  void refusesMoreFilesThanThePerRequestLimit() throws Exception {
    fake = new CloudflareFake("tok", 100);
    List<String> files =
        IntStream.range(0, 101).mapToObj(i -> "\"https://a.example/" + i + "\"").toList();
    try (Response response = post("Bearer tok", "{\"files\":[" + String.join(",", files) + "]}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("1015");
    }
    assertThat(fake.purgedFiles).isEmpty();
  }

  @Test
  void refusesABodyWithoutAPurgeKeyOrWithTwo() throws Exception {
    fake = new CloudflareFake("tok", 100);
    try (Response empty = post("Bearer tok", "{}");
        Response other = post("Bearer tok", "{\"urls\":[\"https://a.example/x\"]}");
        Response two = post("Bearer tok", "{\"hosts\":[\"a.example\"],\"purge_everything\":true}");
        Response garbage = post("Bearer tok", "files=x")) {
      assertThat(List.of(empty.code(), other.code(), two.code(), garbage.code())).containsOnly(400);
    }
    assertThat(fake.refusals).hasSize(4).allSatisfy(r -> assertThat(r).startsWith("1012"));
    assertThat(fake.everything).isZero();
    assertThat(fake.purgedHosts).isEmpty();
  }

  @Test
  void refusesRelativeFilesAndHostsWithAScheme() throws Exception {
    fake = new CloudflareFake("tok", 100);
    try (Response file = post("Bearer tok", "{\"files\":[\"/x\"]}");
        Response host = post("Bearer tok", "{\"hosts\":[\"https://a.example\"]}")) {
      assertThat(file.code()).isEqualTo(400);
      assertThat(host.code()).isEqualTo(400);
    }
  }

  @Test
  void answersTheScriptedFaultsInOrderAfterTheNormalAnswersAskedFor() throws Exception {
    fake = new CloudflareFake("tok", 100);
    fake.failNext(
        1,
        CloudflareFake.Fault.RATE_LIMITED,
        CloudflareFake.Fault.SERVER_ERROR,
        CloudflareFake.Fault.SUCCESS_FALSE,
        CloudflareFake.Fault.GARBAGE);
    String body = "{\"purge_everything\":true}";
    try (Response ok = post("Bearer tok", body);
        Response limited = post("Bearer tok", body);
        Response down = post("Bearer tok", body);
        Response refused = post("Bearer tok", body);
        Response garbage = post("Bearer tok", body);
        Response after = post("Bearer tok", body)) {
      assertThat(ok.code()).isEqualTo(200);
      assertThat(limited.code()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("7");
      assertThat(down.code()).isEqualTo(502);
      assertThat(refused.code()).isEqualTo(200);
      assertThat(refused.body().string()).contains("\"success\":false");
      assertThat(garbage.body().string()).startsWith("<html>");
      assertThat(after.code()).isEqualTo(200);
    }
    assertThat(fake.everything).isEqualTo(2);
  }
}
