using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>The policy file is unusable at start-up; Anna refuses to run on silent defaults.</summary>
public sealed class HealingConfigException(string path, IReadOnlyList<ConfigError> errors)
    : Exception($"The policy file {path} has {errors.Count} error(s); Anna will not start on defaults:")
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
