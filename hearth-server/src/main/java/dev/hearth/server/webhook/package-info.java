/**
 * The webhook intake: {@code POST /webhook} checks GitHub's HMAC signature over the raw bytes before
 * anything reads them, routes by {@code X-GitHub-Event} and {@code action}, stores each delivery once
 * (a redelivery is answered, not stored again) and answers only after the row is committed, so a 2xx
 * always means the delivery is durable. Everything slow happens later: a {@link
 * dev.hearth.server.webhook.DeliveryListener} is told after the commit and the scheduler takes it
 * from there. Client mistakes get 4xx answers, never 5xx, and neither the secret nor a body is logged.
 */
package dev.hearth.server.webhook;
