package dev.hearth.server.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Checks that a webhook's body is one JSON object and finds its top-level {@code action}, in one
 * streaming pass: the intake needs nothing else of the payload before it stores it, and building the
 * whole tree of a push payload for that cost more than the rest of the answer.
 */
final class PayloadCheck {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** What the body turned out to be. */
    sealed interface Verdict {
    }

    /** Not JSON at all, or more than one value. */
    record Malformed() implements Verdict {
    }

    /** JSON, but not an object. */
    record NotAnObject() implements Verdict {
    }

    /** An object; {@code action} is its top-level text field of that name, or null. */
    record Payload(String action) implements Verdict {
    }

    private PayloadCheck() {
    }

    static Verdict of(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Malformed();
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                return p.nextToken() == null ? new NotAnObject() : new Malformed();
            }
            String action = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean isAction = "action".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isAction) {
                    action = value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren(); // reads (and so checks) a nested object or array to its end
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new Malformed();
            }
            return new Payload(action);
        } catch (JsonProcessingException e) {
            return new Malformed();
        } catch (IOException e) {
            return new Malformed(); // a byte array cannot fail to read; a broken encoding lands here
        }
    }
}
