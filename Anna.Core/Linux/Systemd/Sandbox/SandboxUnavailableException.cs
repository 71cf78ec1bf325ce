namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>This machine cannot run a sandboxed user manager; the message says which part is missing.</summary>
public sealed class SandboxUnavailableException(string message) : Exception(message);
