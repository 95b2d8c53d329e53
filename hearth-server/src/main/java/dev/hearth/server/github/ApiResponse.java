package dev.hearth.server.github;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** One answer from GitHub's REST API: status, headers and the body as text. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A header's first value; header names are case-insensitive, as in HTTP. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
