using Anna.Core.Policy;
using Microsoft.Extensions.Options;

namespace Anna.Server.Configuration;

/// <summary>Creates the watched policy file at start-up, or refuses to when the file is bad.</summary>
internal static class HealingConfigFactory
{
    public static IHealingConfig Create(IServiceProvider services)
    {
        var path = Path.GetFullPath(services.GetRequiredService<IOptions<AnnaHostOptions>>().Value.HealingConfig);
        var initial = HealingConfigFile.LoadInitial(path);
        if (!initial.Succeeded)
            throw new HealingConfigException(path, initial.Errors);
        return new HealingConfigFile(path, initial, services.GetRequiredService<ILogger<HealingConfigFile>>(), services.GetRequiredService<TimeProvider>());
    }
}
