namespace Anna.Testing;

/// <summary>The checkout the tests run from: the directory holding Anna.Web.sln, found upwards from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Anna.Web.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Anna.Web.sln above {AppContext.BaseDirectory}");
    }
}
