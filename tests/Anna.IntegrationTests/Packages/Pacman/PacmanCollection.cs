namespace Anna.IntegrationTests.Packages.Pacman;

/// <summary>Tests that run the real pacman (Debian's pacman-package-manager) in private roots, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PacmanCollection
{
    public const string Name = "pacman";
}
