using Anna.Core.Linux.FileSystem;

namespace Anna.IntegrationTests.RootFiles;

/// <summary>A rotation recorder that keeps nothing and runs the attacker's step at one moment of the rotation.</summary>
internal sealed class AttackingRecorder : IRotationRecorder
{
    public Action? OnCopiesChanging { get; init; }

    public Action? OnReading { get; init; }

    public Action? OnEmptied { get; init; }

    public Task CopiesChangingAsync(string log, IReadOnlyList<string> shifted, string created, CancellationToken cancellationToken)
    {
        OnCopiesChanging?.Invoke();
        return Task.CompletedTask;
    }

    public void ReadingContent(string log, UnixStat before) => OnReading?.Invoke();

    public void ContentRead(ReadOnlySpan<byte> chunk)
    {
    }

    public Task EmptyingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask EmptiedAsync(CancellationToken cancellationToken)
    {
        OnEmptied?.Invoke();
        return ValueTask.CompletedTask;
    }
}
