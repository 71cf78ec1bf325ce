using Anna.Testing;
using Microsoft.Playwright;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The README's screenshots: each browser test saves its page, once it has shown what the test
/// checked, to docs/images/&lt;page&gt;.png in the source tree, so the pictures always show the
/// dashboard as it is. A failed run saves beside the test binaries instead, never over them.
/// </summary>
internal static class DocsImages
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "images", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Transitions finished at once: a button just enabled must not be caught half-faded.
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public static async Task<string> SaveFailureAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}-failed.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
