package dev.switchboard.sandbox.server;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.ratelimit.RateLimiter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Jetty's error handler for what fails before Javalin routes a request (a malformed request line or
 * percent-encoding, an ambiguous URI): answers with an Okta error body instead of Jetty's HTML page.
 */
final class EarlyErrorHandler implements Request.Handler {
    private final RateLimiter rateLimiter;

    EarlyErrorHandler(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : 500;
        String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String message ? message : "";
        OktaException error;
        if (status == 404) {
            error = OktaException.of(ErrorCode.E0000008);
        } else if (status == 405) {
            error = OktaException.of(ErrorCode.E0000022);
        } else if (status >= 400 && status < 500) {
            error = OktaException.withCauses(ErrorCode.E0000001, "request",
                    reason.isEmpty() ? List.of() : List.of(reason));
        } else {
            error = OktaException.of(ErrorCode.E0000009);
        }
        SandboxServer.count(rateLimiter, request.getMethod(), Request.getPathInContext(request),
                (name, value) -> response.getHeaders().put(name, value), false);
        response.setStatus(error.code().httpStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(JsonResponses.bytes(error.body())), callback);
        return true;
    }
}
