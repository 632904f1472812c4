package dev.cvos.domain.relay;

/** What a peer answers when it had a copy of the object and deleted it. */
public record Deleted() {}
