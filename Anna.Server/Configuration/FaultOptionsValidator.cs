using Microsoft.Extensions.Options;

namespace Anna.Server.Configuration;

/// <summary>A fault setting that is misspelt must stop start-up, not silently run without the fault a test relies on.</summary>
internal sealed class FaultOptionsValidator : IValidateOptions<FaultOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.HoldAt) && !FaultOptions.PointNames.Contains(options.HoldAt.Trim()))
            errors.Add($"{FaultOptions.Section}:HoldAt is '{options.HoldAt}'; it must be one of {string.Join(", ", FaultOptions.PointNames)}, or empty for off");
        if (options.HoldSeconds is < 1 or > FaultOptions.MaxHoldSeconds)
            errors.Add($"{FaultOptions.Section}:HoldSeconds is {options.HoldSeconds}; it must be between 1 and {FaultOptions.MaxHoldSeconds}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
