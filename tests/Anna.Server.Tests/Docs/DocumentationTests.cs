extern alias annactl;

using Anna.Core.Policy;
using Anna.Server.Configuration;
using Anna.Testing;
using Cli = annactl::Anna.Cli.Cli;
using AnnactlCommand = annactl::Anna.Cli.CommandLine.AnnactlCommand;
using CliSession = annactl::Anna.Cli.CommandLine.CliSession;
using ExitCodes = annactl::Anna.Cli.ExitCodes;

namespace Anna.Server.Tests.Docs;

/// <summary>
/// Keeps the guides true: every healing.toml example goes through the parser Anna reads its policy
/// with, every annactl command line through annactl's own argument parser, and every key of the
/// policy table must be described in the policies guide. A snippet that drifts from the code fails
/// here, named by file and line, instead of misleading the person who copies it.
/// </summary>
public sealed class DocumentationTests
{
    private const string PoliciesGuide = "docs/user-guide/HEALING_POLICIES.md";

    // These two follow Anna until Ctrl+C even when it is not there, so they are only held to the
    // command tree, not run.
    private static readonly string[] Followers = ["watch", "notify"];

    public static TheoryData<string> DocFiles() => [.. MarkdownSnippets.Files()];

    [Theory]
    [MemberData(nameof(DocFiles))]
    public void Every_toml_block_is_a_policy_file_Anna_reads(string file)
    {
        var failures = new List<string>();
        foreach (var block in MarkdownSnippets.Blocks(file).Where(b => b.Language == "toml"))
        {
            var result = HealingConfigParser.Parse(block.Text, file);
            var meantToFail = block.Info.Contains("invalid");
            if (meantToFail && result.Succeeded)
                failures.Add($"{block.Where}: the block is marked invalid but Anna accepts it");
            else if (!meantToFail && !result.Succeeded)
            {
                // The error's line counts within the block; the block's text starts a line after its fence.
                failures.AddRange(result.Errors.Select(e =>
                    $"{file}:{block.Line + e.Line} (block at line {block.Line}, column {e.Column}): {e.Key}: {e.Message}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(DocFiles))]
    public async Task Every_annactl_line_is_a_command_annactl_accepts(string file)
    {
        var failures = new List<string>();
        foreach (var line in MarkdownSnippets.AnnactlLines(file))
        {
            if (await Problem(line.Text) is { } problem)
                failures.Add($"{line.Where}: `{line.Text}`: {problem}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_policies_guide_describes_every_setting_of_the_policy_table()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, PoliciesGuide));

        var missing = PolicySettings.All.Select(s => s.Key).Where(k => !guide.Contains($"`{k}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"{PoliciesGuide} does not name (as `table.key`): {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_guides_hold_examples_for_the_checks_to_read()
    {
        // Without this, a renamed fence or a moved guide would let the checks above pass on nothing.
        Assert.Contains(MarkdownSnippets.Blocks(PoliciesGuide), b => b.Language == "toml" && !b.Info.Contains("invalid"));
        Assert.Contains(MarkdownSnippets.Blocks(PoliciesGuide), b => b.Language == "toml" && b.Info.Contains("invalid"));
        Assert.Contains(MarkdownSnippets.Files(), f => MarkdownSnippets.AnnactlLines(f).Any(l => l.Language != "table"));
    }

    [Theory]
    [InlineData("annactl healing undo --last 2")]
    [InlineData("annactl breaker --reset web.service")]
    [InlineData("annactl watch")]
    public async Task The_command_check_accepts_real_commands(string line) => Assert.Null(await Problem(line));

    [Theory]
    [InlineData("annactl heal --now")]             // no such command
    [InlineData("annactl healing undo --lats 2")]  // no such option
    [InlineData("annactl healing restart")]        // no such subcommand
    [InlineData("annactl repair")]                 // the command's own check: repair needs --service
    [InlineData("annactl health extra")]           // a stray word
    [InlineData("annactl watch --items 1")]        // not run, but still held to the command tree
    [InlineData("annactl history --last zero")]    // a value the option refuses
    public async Task The_command_check_refuses_what_annactl_refuses(string line) => Assert.NotNull(await Problem(line));

    /// <summary>
    /// Why annactl would refuse this command line, or null. First annactl's command tree (the words
    /// and options it parses, what its completion offers), then annactl itself, run in-process against
    /// a socket that does not exist: a command line it accepts ends "not reachable" (3), one it
    /// refuses ends with a usage error (2) before it ever connects.
    /// </summary>
    private static async Task<string?> Problem(string line)
    {
        var words = MarkdownSnippets.Words(line);
        if (words.Count == 0 || words[0] != "annactl")
            return "not an annactl command line";
        var argv = words.Skip(1).ToArray();
        if (argv.Length == 0)
            return "no command";
        var parse = AnnactlCommand.Create(new CliSession(TextWriter.Null, TextReader.Null, interactive: false, terminal: false)).Parse(argv);
        if (parse.Errors.Count > 0)
            return string.Join("; ", parse.Errors.Select(e => e.Message));
        if (Followers.Contains(argv.FirstOrDefault(a => !a.StartsWith('-'))) || argv.Contains("--socket") || argv.Any(a => a.StartsWith("--socket=", StringComparison.Ordinal)))
            return null;

        var nowhere = Path.Combine(Path.GetTempPath(), $"anna-docs-{Guid.NewGuid():N}", "anna.sock");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var run = Cli.RunAsync([.. argv, "--socket", nowhere], stdout, stderr, new StringReader(""), interactive: false);
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) != run)
            return "annactl did not finish within 30 s against a missing socket";
        var code = await run;
        return code == ExitCodes.Usage ? $"annactl refuses it (exit {code}): {stderr.ToString().Trim()}" : null;
    }
}
