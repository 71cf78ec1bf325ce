using System.Text.Json;

namespace Anna.Core.Rollback;

/// <summary>Everything undo needs for one action: its steps, in the order they were recorded.</summary>
public sealed record RollbackSnapshot(IReadOnlyList<RollbackStep> Steps)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static RollbackSnapshot Empty { get; } = new([]);

    public bool IsEmpty => Steps.Count == 0;

    /// <summary>Whether undoing needs files kept on disk (quarantined files, backups, package archives).</summary>
    public bool KeepsFiles => KeptFiles().Any();

    /// <summary>The files this snapshot keeps for undo, wherever they are.</summary>
    public IEnumerable<string> KeptFiles()
    {
        foreach (var step in Steps)
        {
            switch (step)
            {
                case RestoreQuarantinedStep quarantined:
                    foreach (var file in quarantined.Files)
                        yield return file.QuarantinePath;
                    break;
                case RestoreFileStep { BackupPath: { } backup }:
                    yield return backup;
                    break;
                case ReinstallPackageStep { ArchivePath: { } archive }:
                    yield return archive;
                    break;
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Steps, Json);

    public static RollbackSnapshot FromJson(string json) =>
        new(JsonSerializer.Deserialize<List<RollbackStep>>(json, Json) ?? throw new JsonException("a rollback snapshot must be a JSON array of steps"));
}
