namespace Anna.IntegrationTests.Packages.Pacman;

/// <summary>A tiny package built for a test: one file under usr/share/anna-test (plus any extra files).</summary>
public sealed record TestPackage(string Name, string Version, IReadOnlyList<string> Depends, IReadOnlyList<string> ExtraFiles)
{
    public TestPackage(string name, string version, params string[] depends) : this(name, version, depends, []) { }

    public string FileName => $"{Name}-{Version}-any.pkg.tar.gz";

    /// <summary>Installed size as the package declares it: what pacman -Qi reports and a removal frees.</summary>
    public long InstalledBytes => 4096;

    public string Content => $"{Name} {Version}\n";
}
