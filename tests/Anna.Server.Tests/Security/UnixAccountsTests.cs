using Anna.Server.Security;

namespace Anna.Server.Tests.Security;

/// <summary>
/// Accounts from passwd and group files as an admin edits them: what was read is kept while the files
/// stay as they were, and an edit (usermod writes a new file) applies at the next lookup.
/// </summary>
public sealed class UnixAccountsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("anna-accounts-").FullName;

    private string Passwd => Path.Combine(_directory, "passwd");

    private string Group => Path.Combine(_directory, "group");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_user_has_the_primary_group_and_the_groups_that_list_it()
    {
        Write(Passwd, "root:x:0:0:root:/root:/bin/bash", "alice:x:1000:1000::/home/alice:/bin/bash");
        Write(Group, "root:x:0:", "alice:x:1000:", "anna-operators:x:990:bob,alice", "anna-admins:x:991:bob");
        var accounts = new UnixAccounts(Passwd, Group);

        var alice = accounts.Find(1000);

        Assert.Equal("alice", alice.Name);
        Assert.Equal(["alice", "anna-operators"], alice.Groups.Order());
        Assert.Equal("uid:4242", accounts.Find(4242).Name);
        Assert.Empty(accounts.Find(4242).Groups);
    }

    [Fact]
    public void A_group_added_with_usermod_applies_at_the_next_lookup()
    {
        Write(Passwd, "alice:x:1000:1000::/home/alice:/bin/bash");
        Write(Group, "alice:x:1000:", "anna-admins:x:991:bob");
        var accounts = new UnixAccounts(Passwd, Group);
        Assert.DoesNotContain("anna-admins", accounts.Find(1000).Groups);

        // usermod -aG writes the new file beside the old one and renames it over it.
        Write(Group + ".new", "alice:x:1000:", "anna-admins:x:991:bob,alice");
        File.Move(Group + ".new", Group, overwrite: true);

        Assert.Contains("anna-admins", accounts.Find(1000).Groups);
    }

    /// <summary>
    /// An edit that keeps the file's size is seen by its modification time; one that keeps that too is
    /// not: only a read would see it, and the point is that none happens.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(0, true)]
    public void An_edit_of_the_same_length_is_seen_by_its_modification_time(int laterMs, bool stillAdmin)
    {
        Write(Passwd, "alice:x:1000:1000::/home/alice:/bin/bash");
        Write(Group, "alice:x:1000:", "anna-admins:x:991:alice");
        var accounts = new UnixAccounts(Passwd, Group);
        Assert.Contains("anna-admins", accounts.Find(1000).Groups);
        var written = File.GetLastWriteTimeUtc(Group);

        Write(Group, "alice:x:1000:", "anna-admins:x:991:clara");
        File.SetLastWriteTimeUtc(Group, written.AddMilliseconds(laterMs));

        Assert.Equal(stillAdmin, accounts.Find(1000).Groups.Contains("anna-admins"));
    }

    private static void Write(string path, params string[] lines) => File.WriteAllLines(path, lines);
}
