namespace Anna.Core.Linux.Packages;

/// <summary>A package tool failed at something that should have worked (a query, a simulation).</summary>
public sealed class PackageManagerException(string message) : Exception(message);
