namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Where apt looks and what Anna checks around it. The defaults are Debian's; tests point apt at
/// their own sources list, lists and cache with <see cref="ExtraOptions"/> (the dpkg database
/// stays the machine's own).
/// </summary>
public sealed record AptOptions
{
    public static readonly AptOptions Default = new();

    /// <summary>Extra configuration passed as <c>-o Key=Value</c> to every apt-get call.</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>Where apt keeps downloaded packages; what <c>apt-get clean</c> empties.</summary>
    public string ArchivesDirectory { get; init; } = "/var/cache/apt/archives";

    /// <summary>Written by packages (a kernel, libc) whose update needs a reboot to take effect.</summary>
    public string RebootRequiredPath { get; init; } = "/var/run/reboot-required";

    /// <summary>The fcntl locks apt and dpkg take; while one is held Anna changes nothing.</summary>
    public IReadOnlyList<string> LockFiles { get; init; } =
    [
        "/var/lib/dpkg/lock-frontend",
        "/var/lib/dpkg/lock",
        "/var/lib/apt/lists/lock",
        "/var/cache/apt/archives/lock",
    ];

    /// <summary>Limit for read-only calls (simulations, dpkg-query).</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Limit for calls that change the system (a large upgrade downloads and unpacks a lot).</summary>
    public TimeSpan ChangeTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Every reason these options are unusable, empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var option in ExtraOptions)
        {
            var eq = option.IndexOf('=');
            if (eq <= 0 || option.StartsWith('-') || option.Any(char.IsControl))
                errors.Add($"apt option '{option}' is not of the form Key=Value");
        }
        if (!Path.IsPathFullyQualified(ArchivesDirectory))
            errors.Add($"archives directory '{ArchivesDirectory}' is not an absolute path");
        if (!Path.IsPathFullyQualified(RebootRequiredPath))
            errors.Add($"reboot-required path '{RebootRequiredPath}' is not an absolute path");
        errors.AddRange(LockFiles.Where(f => !Path.IsPathFullyQualified(f)).Select(f => $"lock file '{f}' is not an absolute path"));
        if (QueryTimeout <= TimeSpan.Zero || ChangeTimeout <= TimeSpan.Zero)
            errors.Add("timeouts must be positive");
        return errors;
    }
}
