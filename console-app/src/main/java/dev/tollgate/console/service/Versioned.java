package dev.tollgate.console.service;

/** A value the admin API returned together with the config revision its ETag named. */
public record Versioned<T>(T value, long revision) {}
