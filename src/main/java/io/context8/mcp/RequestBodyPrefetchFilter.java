package io.context8.mcp;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads every request body before the request reaches Spring MVC and Camel, without holding a thread while
 * the client is slow: the body is read with servlet non-blocking I/O (a container thread runs only when bytes
 * have arrived), bounded in size ({@code context8.mcp.max-request-bytes}, 413) and in total time
 * ({@code context8.mcp.body-read-timeout}, 408 and the connection closed). The complete body is then
 * dispatched again to the same path with the bytes in memory, so platform-http's request executor never waits
 * on a socket: clients that send headers and part of a body cannot fill it.
 * <p>
 * The raw bytes stay available as the request attribute {@link #BODY_ATTRIBUTE} (the MCP endpoint parses
 * them itself, so invalid UTF-8 is a parse error instead of being decoded into replacement characters).
 */
public final class RequestBodyPrefetchFilter implements Filter {

    public static final String BODY_ATTRIBUTE = RequestBodyPrefetchFilter.class.getName() + ".body";

    private final long maxBytes;
    private final long timeoutMs;
    private final RejectionLog log = RejectionLog.shared();

    public RequestBodyPrefetchFilter(long maxBytes, long timeoutMs) {
        this.maxBytes = maxBytes;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getAttribute(BODY_ATTRIBUTE) instanceof byte[] body) {
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            reject(request, response, 413, "Payload too large: at most " + maxBytes + " bytes", "body too large");
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMs);
        BodyReader reader = new BodyReader(async, request, response, request.getInputStream());
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, int status, String message,
            String reason) throws IOException {
        log.rejected(status, request.getMethod(), request.getRequestURI(), reason);
        String code = status == 413 ? "payload_too_large" : status == 408 ? "request_timeout" : "bad_request";
        HttpEdgeFilter.write(request, response, new HttpEdgeFilter.Reply(status, code, message, reason));
    }

    /** Collects the body as it arrives; answers 408 when the time runs out first. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[8192];
        /** Set once by whoever ends the read: all data, too large, error or timeout. */
        private final AtomicBoolean done = new AtomicBoolean();

        BodyReader(AsyncContext async, HttpServletRequest request, HttpServletResponse response,
                ServletInputStream in) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!done.get() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    end(413, "Payload too large: at most " + maxBytes + " bytes", "body too large");
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (done.compareAndSet(false, true)) {
                request.setAttribute(BODY_ATTRIBUTE, body.toByteArray());
                // dispatched from outside the read event: a dispatch made inside it raced with Tomcat's own
                // processing of that event now and then (the request was recycled under platform-http)
                async.start(async::dispatch);
            }
        }

        @Override
        public void onError(Throwable t) {
            end(400, "Bad request: the body could not be read", "body unreadable");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(408, "Request timeout: the body did not arrive within " + timeoutMs + " ms", "body too slow");
        }

        @Override
        public void onError(AsyncEvent event) {
            end(400, "Bad request: the body could not be read", "body unreadable");
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void end(int status, String message, String reason) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                if (!response.isCommitted()) {
                    reject(request, response, status, message, reason);
                }
            } catch (IOException | RuntimeException e) {
                // the client is gone: nothing to answer
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    // already completed by the container (connection error)
                }
            }
        }
    }

    /** The request with its body already in memory. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        /** Decoded with the declared charset when Java knows it, else UTF-8 (JSON's only encoding). */
        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            String declared = getCharacterEncoding();
            try {
                if (declared != null && Charset.isSupported(declared)) {
                    charset = Charset.forName(declared);
                }
            } catch (IllegalArgumentException e) {
                // an illegal charset name: UTF-8
            }
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
