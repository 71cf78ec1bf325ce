using Microsoft.Extensions.Configuration.Json;

namespace Anna.Server.Hosting;

/// <summary>
/// The appsettings.json shipped next to the binary, as the lowest-priority source: Anna then finds
/// its settings wherever it is started from, while a content-root appsettings.json, environment
/// variables, the command line and test hosts still override it.
/// </summary>
internal static class BinaryAppSettings
{
    public static void AddAsDefaults(ConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }
}
