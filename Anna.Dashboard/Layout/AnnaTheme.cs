using MudBlazor;

namespace Anna.Dashboard.Layout;

/// <summary>
/// The dashboard theme. MudBlazor's default typography names Roboto, which is normally fetched from
/// Google Fonts; Anna's hosts are often offline, so the theme asks for the system UI font instead.
/// </summary>
internal static class AnnaTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Ubuntu", "Cantarell", "Noto Sans", "DejaVu Sans", "Helvetica", "Arial", "sans-serif"];

    public static MudTheme Create() => new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = SystemFonts } },
    };
}
