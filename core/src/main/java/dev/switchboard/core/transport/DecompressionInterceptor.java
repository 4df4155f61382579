package dev.switchboard.core.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Asks for compressed responses ({@code Accept-Encoding: gzip, deflate}) and decodes them (the
 * {@link ApacheHttpTransport} has its own decoding turned off, so that this link's size cap applies). Okta compresses large responses when asked
 * (OKTA-WIRE.md, "Compression"). The decoded size is capped like any body, so a small compressed body
 * cannot expand without bound. Chunked transfer is undone by the HTTP client before this link.
 *
 * <p>Sources: RFC 9110 section 8.4.1 (content codings), RFC 1952 (gzip), RFC 1950 (zlib, which
 * "deflate" means; raw deflate is accepted too, as browsers do).
 */
public final class DecompressionInterceptor implements Interceptor {
  private final long maxBodyBytes;

  /**
   * Creates the link.
   *
   * @param maxBodyBytes the largest decoded body, in bytes
   */
  public DecompressionInterceptor(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    Request request = chain.request();
    if (request.header("Accept-Encoding") == null) {
      request = request.withHeader("Accept-Encoding", "gzip, deflate");
    }
    Response response = chain.proceed(request);
    String encoding = response.header("content-encoding").orElse("").strip().toLowerCase(Locale.ROOT);
    if (encoding.isEmpty() || encoding.equals("identity") || response.body().length == 0) {
      return response;
    }
    byte[] decoded;
    try {
      switch (encoding) {
        case "gzip", "x-gzip" -> decoded = read(new GZIPInputStream(new ByteArrayInputStream(response.body())));
        case "deflate" -> decoded = inflate(response.body());
        default -> {
          return response;
        }
      }
    } catch (ResponseTooLargeException e) {
      throw e;
    } catch (IOException e) {
      throw new MalformedResponseException("the " + encoding + " body cannot be decoded: " + e.getMessage(), response.status());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
    headers.remove("content-encoding");
    headers.remove("content-length");
    return new Response(response.uri(), response.status(), headers, decoded, response.durationNanos());
  }

  private byte[] inflate(byte[] body) throws IOException {
    boolean zlib = body.length >= 2 && (body[0] & 0x0F) == 8 && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    try {
      return read(new InflaterInputStream(new ByteArrayInputStream(body), inflater));
    } finally {
      inflater.end(); // a stream given its own Inflater does not end it: its native memory would wait for a GC
    }
  }

  private byte[] read(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16384];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBodyBytes) {
          throw new ResponseTooLargeException(maxBodyBytes);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
