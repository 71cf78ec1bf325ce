using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Systemd;
using CsCheck;

namespace Anna.Core.Tests.Fuzz;

/// <summary>
/// Unit and package names come from the API, the command line and systemd itself, and end up in
/// package names in argument lists run as root: 10,000 generated strings each are accepted or refused
/// with a reason, never thrown on; what is accepted is exactly what was given, in the grammar, and a
/// package name cannot be read as an option.
/// </summary>
public sealed class NameFuzzTests
{
    private const int Cases = 10_000;

    // Mostly near-names (letters, digits and the punctuation names use), sometimes anything at all.
    private static readonly Gen<string> Candidate = Gen.Frequency(
        (3, Gen.String[Gen.Char["abcxyz019-_.@:+\\/ ~"], 0, 24]),
        (1, Gen.Select(Gen.String[Gen.Char["abc019-_@"], 1, 12], Gen.OneOf<string>(".service", ".socket", ".timer", "", ".SERVICE"), (a, b) => a + b)),
        (1, Gen.String));

    [Fact]
    public void A_unit_name_is_accepted_as_given_or_refused_with_a_reason()
    {
        Candidate.Sample(text =>
        {
            if (UnitName.TryParse(text, out var name, out var error))
            {
                // Unit names go to systemd over D-Bus, never into an argument list, so a leading '-' is
                // systemd's own grammar ("-.mount" is the root mount), not an option.
                Assert.Equal(text, name.Value);
                Assert.InRange(name.Value.Length, 1, 255);
                Assert.DoesNotContain(name.Value, c => !(char.IsAsciiLetterOrDigit(c) || ":_.\\-@".Contains(c)));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, iter: Cases);
    }

    [Fact]
    public void A_package_name_is_accepted_as_given_or_refused_with_a_reason()
    {
        Candidate.Sample(text =>
        {
            if (PackageName.TryParse(text, out var name, out var error))
            {
                Assert.Equal(text, name.Value);
                Assert.False(name.Value.StartsWith('-'), "a name read as an option");
                Assert.DoesNotContain(name.Value, c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '/');
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, iter: Cases);
    }
}
