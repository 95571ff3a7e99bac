"""Alert delivery: the outbox in the ``alerts`` table is delivered to sinks (console, JSON Lines,
webhook, e-mail, Atom feed) at least once, with retries and backoff."""
