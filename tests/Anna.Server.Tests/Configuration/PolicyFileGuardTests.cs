using Anna.Testing;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Anna.Server.Configuration;

namespace Anna.Server.Tests.Configuration;

[SupportedOSPlatform("linux")]
public sealed class PolicyFileGuardTests
{
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0666 = Mode0644 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public void World_writable_file_is_refused_when_running_as_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "", Mode0666);

        var problems = PolicyFileGuard.Check(path, runningAsRoot: true);

        Assert.Contains(problems, p => p == $"{path} is writable by group/others; root acts on it — chmod go-w {path}");
    }

    [RootFact]
    public void Root_owned_0644_file_is_accepted()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "", Mode0644);

        Assert.Empty(PolicyFileGuard.Check(path, runningAsRoot: true));
    }

    [RootFact]
    public void File_owned_by_another_user_is_refused_when_running_as_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "", Mode0644);
        Assert.Equal(0, Chown(path, 65534, 65534));

        var problem = Assert.Single(PolicyFileGuard.Check(path, runningAsRoot: true));

        Assert.Equal($"{path} is owned by uid 65534, not root; root acts on it — chown root {path}", problem);
    }

    [RootFact]
    public void Group_writable_directory_is_refused_when_running_as_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "", Mode0644);
        File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var problem = Assert.Single(PolicyFileGuard.Check(path, runningAsRoot: true));

        Assert.Contains("is writable by group/others; they can replace the file — chmod go-w", problem, StringComparison.Ordinal);
    }

    [RootFact]
    public void A_policy_file_that_links_into_a_directory_others_can_write_is_refused()
    {
        using var safe = new TempDirectory();
        using var open = new TempDirectory();
        var target = open.Write("healing.toml", "", Mode0644);
        File.SetUnixFileMode(open.Path, (UnixFileMode)0b111_111_111); // 0777, no sticky bit: anyone can rename over the target
        var link = Path.Combine(safe.Path, "healing.toml");
        File.CreateSymbolicLink(link, target);

        var problem = Assert.Single(PolicyFileGuard.Check(link, runningAsRoot: true));

        Assert.Equal($"{open.Path} (holding {target}, which the policy file links to) is writable by group/others; they can replace the file — chmod go-w {open.Path}", problem);
    }

    [Fact]
    public void Nothing_is_enforced_when_not_running_as_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "", Mode0666);

        Assert.Empty(PolicyFileGuard.Check(path, runningAsRoot: false));
    }

    [RootFact]
    public void Start_up_load_refuses_an_unsafe_file_as_root()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("healing.toml", "[healing]\npolicy = \"manual\"\n", Mode0666);

        var result = HealingConfigFile.LoadInitial(path);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("chmod go-w", StringComparison.Ordinal));
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
