package dev.lossref.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends {@code Expect: 100-continue} and behaves as curl does: it sends the
 * headers, waits for the server's first status line, uploads the body only after {@code 100 Continue}
 * and otherwise takes the final status as the answer. It counts the body bytes it had to send.
 */
final class ExpectContinueClient {

    record Answer(int status, Map<String, String> headers, String body, long bodyBytesSent, boolean sawContinue) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int TIMEOUT_MILLIS = 20_000;

    private final int port;

    ExpectContinueClient(int port) {
        this.port = port;
    }

    Answer post(String path, String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + body.length
                            + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            int status = status(readLine(in));
            boolean sawContinue = status == 100;
            long sent = 0;
            if (sawContinue) {
                readHeaders(in);
                out.write(body);
                out.flush();
                sent = body.length;
                status = status(readLine(in));
            }
            Map<String, String> headers = readHeaders(in);
            byte[] rest = in.readAllBytes();
            String text = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : ascii(rest);
            return new Answer(status, headers, text, sent, sawContinue);
        }
    }

    private static int status(String statusLine) {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String unchunk(byte[] chunked) {
        String text = ascii(chunked);
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(text, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
