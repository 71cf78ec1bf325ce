namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>pacman could not answer a query (or refresh its databases); the message carries what it said.</summary>
public sealed class PacmanException(string message) : Exception(message);
