using System.Text.RegularExpressions;
using Anna.Testing;

namespace Anna.Core.Tests.Architecture;

/// <summary>
/// The folders of Anna.Core are its layers: a namespace may use another only if that one does not, by
/// any path, use it back. Read from the sources, so a using or a qualified name that closes a loop fails here.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    [Fact]
    public void No_namespace_of_the_core_reaches_itself()
    {
        var core = Path.Combine(RepositoryRoot.Path, "Anna.Core");
        var layers = Directory.GetDirectories(core).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).ToHashSet()!;
        var uses = layers.ToDictionary(d => d!, d => Directory.EnumerateFiles(Path.Combine(core, d!), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => CoreName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(n => n != d && layers.Contains(n)).ToHashSet());

        var loops = uses.SelectMany(u => u.Value.Where(next => Reaches(uses, next, u.Key)).Select(next => $"{u.Key} → {next} → … → {u.Key}")).ToList();

        Assert.True(layers.Count > 5, "the core's folders were not found");
        Assert.Empty(loops);
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string to)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([from]);
        while (next.TryPop(out var at))
        {
            if (at == to)
                return true;
            if (seen.Add(at))
                foreach (var n in uses[at])
                    next.Push(n);
        }
        return false;
    }

    [GeneratedRegex(@"Anna\.Core\.([A-Z][A-Za-z]+)")]
    private static partial Regex CoreName();
}
