package io.notifier.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose client accepts no JSON before the endpoint acts, not after. Spring MVC
 * negotiates only when it writes the answer: a recharge posted with {@code Accept: image/png} would
 * be recorded, and only then answered 406.
 */
public class AcceptsJsonInterceptor implements HandlerInterceptor {

  private final ContentNegotiationManager negotiation;

  public AcceptsJsonInterceptor(ContentNegotiationManager negotiation) {
    this.negotiation = negotiation;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotAcceptableException {
    List<MediaType> accepted = negotiation.resolveMediaTypes(new ServletWebRequest(request));
    if (accepted.stream().noneMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
      throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
    }
    return true;
  }
}
