using Anna.Core.Linux.Packages.Pacman;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Tests.Linux.Pacman;

public sealed class PacmanOptionsTests
{
    [Fact]
    public void Defaults_are_archs_paths()
    {
        var options = new PacmanOptions();
        Assert.Empty(options.Validate());
        Assert.Equal(("/", "/var/lib/pacman", "/var/cache/pacman/pkg", "/etc/pacman.conf", 3),
            (options.RootDir, options.DbPath, options.CacheDir, options.ConfigFile, options.KeepVersions));
        Assert.Equal("/var/lib/pacman/db.lck", options.LockFile);
        Assert.Equal("/usr/lib/modules", options.ModulesDir);
    }

    [Fact]
    public void Lists_every_problem_at_once()
    {
        var options = new PacmanOptions { DbPath = "var/lib/pacman", CacheDir = "", KeepVersions = 0, QueryTimeout = TimeSpan.Zero };
        var errors = options.Validate();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("DbPath must be an absolute path"));
        Assert.Contains(errors, e => e.StartsWith("CacheDir must be an absolute path"));
        Assert.Contains(errors, e => e.StartsWith("KeepVersions must be at least 1"));
        Assert.Contains(errors, e => e.StartsWith("QueryTimeout must be positive"));

        var refused = Assert.Throws<ArgumentException>(() => new PacmanPackageManager(options, new ProcessRunner()));
        Assert.Contains("KeepVersions", refused.Message);
        Assert.Contains("DbPath", refused.Message);
    }
}
