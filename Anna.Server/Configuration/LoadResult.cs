using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>
/// Outcome of reading healing.toml: either options to put in force or every error found.
/// Never both, so a caller cannot run on half-validated options by accident.
/// </summary>
public sealed record LoadResult
{
    private LoadResult(HealingOptions? options, IReadOnlyList<ConfigError> errors)
    {
        Options = options;
        Errors = errors;
    }

    /// <summary>The validated options; null when <see cref="Errors"/> is non-empty.</summary>
    public HealingOptions? Options { get; }

    /// <summary>Every problem found, ordered by line and column; empty on success.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    public bool Succeeded => Options is not null;

    public static LoadResult Success(HealingOptions options) => new(options, []);

    public static LoadResult Failure(IReadOnlyList<ConfigError> errors)
    {
        if (errors.Count == 0)
            throw new ArgumentException("a failed load needs at least one error", nameof(errors));
        return new(null, errors);
    }

    /// <summary>An error about the file as a whole (permissions, removal); it points at 1,1.</summary>
    public static ConfigError FileError(string file, string message) => new(file, 1, 1, "(file)", message);
}
