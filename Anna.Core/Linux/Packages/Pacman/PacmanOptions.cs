namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// Where pacman's installation root, databases, cache and configuration live. The defaults are
/// Arch's; tests point every path into a private directory.
/// </summary>
public sealed record PacmanOptions
{
    public string RootDir { get; init; } = "/";
    public string DbPath { get; init; } = "/var/lib/pacman";
    public string CacheDir { get; init; } = "/var/cache/pacman/pkg";
    public string ConfigFile { get; init; } = "/etc/pacman.conf";

    /// <summary>Cache cleanup keeps this many newest versions of each package, like <c>paccache -rk3</c>.</summary>
    public int KeepVersions { get; init; } = 3;

    /// <summary>The program run; a full path when PATH cannot be trusted.</summary>
    public string PacmanProgram { get; init; } = "pacman";

    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public string KernelReleaseFile { get; init; } = "/proc/sys/kernel/osrelease";

    /// <summary>Bound for queries, which only read local databases.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Bound for transactions and database refreshes, which may download.</summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Every problem at once, so that a bad configuration is fixed in one go; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, path) in new[] { (nameof(RootDir), RootDir), (nameof(DbPath), DbPath), (nameof(CacheDir), CacheDir), (nameof(ConfigFile), ConfigFile), (nameof(KernelReleaseFile), KernelReleaseFile) })
        {
            if (!Path.IsPathFullyQualified(path ?? ""))
                errors.Add($"{name} must be an absolute path (got '{path}')");
        }
        if (string.IsNullOrWhiteSpace(PacmanProgram))
            errors.Add($"{nameof(PacmanProgram)} is empty");
        // Keeping none would leave no package to downgrade to after a bad upgrade.
        if (KeepVersions < 1)
            errors.Add($"{nameof(KeepVersions)} must be at least 1 (got {KeepVersions})");
        if (QueryTimeout <= TimeSpan.Zero)
            errors.Add($"{nameof(QueryTimeout)} must be positive");
        if (TransactionTimeout <= TimeSpan.Zero)
            errors.Add($"{nameof(TransactionTimeout)} must be positive");
        return errors;
    }

    /// <summary>pacman's own lock: while it exists, pacman refuses to start a transaction, and so does Anna.</summary>
    public string LockFile => Path.Combine(DbPath, "db.lck");

    /// <summary>Where installed kernels keep their modules; the running kernel's directory vanishes when it is replaced.</summary>
    public string ModulesDir => Path.Combine(RootDir, "usr/lib/modules");
}
