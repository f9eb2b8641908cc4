package io.notifier.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem written straight to the response, where Spring MVC does not run: in a filter, or in
 * Tomcat's error report, with the members Spring MVC writes for a {@link ProblemDetail}.
 */
public final class ProblemJson {

  private static final JsonMapper JSON = JsonMapper.shared();

  private ProblemJson() {}

  public static String of(ProblemDetail problem) {
    // In the order Spring MVC's Jackson writes a ProblemDetail (alphabetical), so that a problem
    // reads the same whichever of the two wrote it.
    Map<String, Object> body = new TreeMap<>();
    if (problem.getType() != null) {
      body.put("type", problem.getType().toString());
    }
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    return JSON.writeValueAsString(body);
  }

  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(of(problem));
  }
}
