package dev.irm.connector.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.irm.support.BoundedInput;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docker-java's transport interface over the JDK's own unix-domain sockets (JDK 16+), for an engine on this host.
 * Not docker-java's httpclient5 transport there: building it sets up TLS (the JVM's default SSL context, its trust
 * store, the public-suffix list) and JNA's native socket even for a unix socket, ~0.3 s of a cold JVM's CPU before
 * the first request. One connection per request ({@code Connection: close}), so a response is whatever the engine
 * sends until it closes; {@link #close()} closes every connection still open, which unblocks a read that
 * {@link DockerApi}'s deadline gave up on.
 */
final class UnixSocketHttpClient implements DockerHttpClient {
    /** The status line and headers of an answer; a body may be any size (a container's log). */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private final Path socket;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    UnixSocketHttpClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public Response execute(Request request) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            open.add(channel);
            if (closed) {
                throw new IOException("the Docker client is closed");
            }
            write(channel, request);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            return read(request.method(), in, channel);
        } catch (IOException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SocketChannel channel, Request request) throws IOException {
        byte[] body = request.bodyBytes();
        if (body == null && request.body() != null) {
            body = request.body().readAllBytes();
        }
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nUser-Agent: irm\r\nConnection: close\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null || !"GET".equals(request.method())) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        head.append("\r\n");
        writeFully(channel, ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1)));
        if (body != null) {
            writeFully(channel, ByteBuffer.wrap(body));
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private Response read(String method, InputStream in, SocketChannel channel) throws IOException {
        Head head = new Head(in);
        String status = head.line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer from " + socket + ": " + BoundedInput.echo(status));
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line from " + socket + ": " + BoundedInput.echo(status), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = head.line(); !line.isEmpty(); line = head.line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        InputStream body;
        String encoding = header(headers, "Transfer-Encoding");
        String length = header(headers, "Content-Length");
        if ("HEAD".equals(method) || code == 204 || code == 304 || code / 100 == 1) {
            body = InputStream.nullInputStream();
        } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedInput(in);
        } else if (length != null) {
            body = new LimitedInput(in, parseLength(length));
        } else {
            body = in; // until the engine closes the connection
        }
        return new Answer(code, headers, body, channel);
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException(value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + BoundedInput.echo(value), e);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private void closeQuietly(SocketChannel channel) {
        open.remove(channel);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing only releases
        }
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(this::closeQuietly);
    }

    /** Lines of the status line and headers, at most {@link #MAX_HEAD_BYTES} in all. */
    private static final class Head {
        private final InputStream in;
        private int left = MAX_HEAD_BYTES;

        Head(InputStream in) {
            this.in = in;
        }

        String line() throws IOException {
            String line;
            try {
                line = BoundedInput.readLine(in, left);
            } catch (IOException e) {
                throw new IOException("the Docker engine's answer has more than " + MAX_HEAD_BYTES + " bytes of headers", e);
            }
            left -= line == null ? 0 : line.length() + 2;
            return present(line);
        }
    }

    /** A line of the answer that must be there: the engine closing before it is an error. */
    static String present(String line) throws EOFException {
        if (line == null) {
            throw new EOFException("the Docker engine closed the connection mid-answer");
        }
        return line;
    }

    private final class Answer implements Response {
        private final int code;
        private final Map<String, List<String>> headers;
        private final InputStream body;
        private final SocketChannel channel;

        Answer(int code, Map<String, List<String>> headers, InputStream body, SocketChannel channel) {
            this.code = code;
            this.headers = headers;
            this.body = body;
            this.channel = channel;
        }

        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** At most {@code left} bytes of the stream. */
    static final class LimitedInput extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the Docker engine closed the connection " + left + " byte(s) before the end of its answer");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the Docker engine closed the connection " + left + " byte(s) before the end of its answer");
            }
            left -= n;
            return n;
        }
    }

    /** HTTP/1.1 chunked transfer coding: hex size line (extensions ignored), data, CRLF; a 0 chunk and trailers end it. */
    static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean started;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                if (started) {
                    present(BoundedInput.readLine(in, MAX_HEAD_BYTES)); // the CRLF after a chunk's data
                }
                started = true;
                String size = present(BoundedInput.readLine(in, MAX_HEAD_BYTES));
                int semicolon = size.indexOf(';');
                try {
                    left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size in the Docker engine's answer: " + BoundedInput.echo(size), e);
                }
                if (left < 0) {
                    throw new IOException("bad chunk size in the Docker engine's answer: " + BoundedInput.echo(size));
                }
                if (left == 0) {
                    for (String t = present(BoundedInput.readLine(in, MAX_HEAD_BYTES)); !t.isEmpty();
                            t = present(BoundedInput.readLine(in, MAX_HEAD_BYTES))) {
                        // trailers carry nothing irm reads
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the Docker engine closed the connection inside a chunk");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the Docker engine closed the connection inside a chunk");
            }
            left -= n;
            return n;
        }
    }
}
