namespace Anna.Server.Tests.Configuration;

/// <summary>Finds the checkout the tests were built from, for files shipped in the repository.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Anna.Web.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Anna.Web.sln above {AppContext.BaseDirectory}");
    }
}
