namespace Anna.Server.Persistence;

/// <summary>
/// The store cannot be opened or written at start-up (a read-only or full filesystem, a file that
/// is not a database). Anna writes every action down before it takes it, so it does not start
/// without its store; the message says which file and why.
/// </summary>
public sealed class StoreUnavailableException(string databasePath, string reason, Exception inner)
    : Exception($"Anna cannot open its store {databasePath}: {reason}. Anna writes down every action before it takes it, so it does not start without its store; make {Path.GetDirectoryName(databasePath)} writable (is its filesystem read-only or full?) and start Anna again.", inner);
