package io.context8.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} refuses to send: any Host header, any bytes in
 * the request line, headers and body. Each request uses its own connection ({@code Connection: close}).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A response: status code (0 when none came back), the raw header block and the body text. */
    record Response(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends the request head (request line and header lines, no final blank line) and body bytes. */
    static Response exchange(int port, String head, byte[] body) {
        String full = head + "\r\nConnection: close\r\n\r\n";
        return exchangeBytes(port, full.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** Sends exactly these bytes (head already terminated) followed by the body. */
    static Response exchangeBytes(int port, byte[] head, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            byte[] all = new byte[head.length + (body == null ? 0 : body.length)];
            System.arraycopy(head, 0, all, 0, head.length);
            if (body != null) {
                System.arraycopy(body, 0, all, head.length, body.length);
            }
            out.write(all);
            out.flush();
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with Host, Content-Length and any extra header lines ("Name: value"). */
    static Response request(int port, String method, String path, String host, byte[] body, String... headers) {
        StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1");
        if (host != null) {
            h.append("\r\nHost: ").append(host);
        }
        for (String line : headers) {
            h.append("\r\n").append(line);
        }
        if (body != null) {
            h.append("\r\nContent-Length: ").append(body.length);
        }
        return exchange(port, h.toString(), body);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buf.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // reset after the response was sent (the server closed with unread request bytes): keep what came
        }
        return buf.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP/1.1 100")) {
            // an interim 100 Continue before the response
            int interim = text.indexOf("\r\n\r\n");
            return interim < 0 ? new Response(0, text, "") : parse(java.util.Arrays.copyOfRange(raw, interim + 4, raw.length));
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        int status = 0;
        if (head.startsWith("HTTP/1.")) {
            String[] parts = head.split(" ", 3);
            status = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
        }
        Response r = new Response(status, head, "");
        String te = r.header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = i;
            while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
                eol++;
            }
            if (eol + 1 >= chunked.length) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = eol + 2;
            int stop = Math.min(chunked.length, start + size);
            out.write(chunked, start, stop - start);
            i = stop + 2;
        }
        return out.toByteArray();
    }
}
