namespace Anna.Server.Persistence;

/// <summary>Where the store lives, registered so start-up can create the directory before the first connection.</summary>
public sealed record AnnaStoreLocation(string DataDirectory)
{
    public string DatabasePath => AnnaDataDirectory.DatabasePath(DataDirectory);
}
