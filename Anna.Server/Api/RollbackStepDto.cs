using System.Reflection;
using System.Text.Json.Serialization;
using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>One recorded rollback step: its kind (as the journal stores it, e.g. stop_service) and what undoing it does.</summary>
public sealed record RollbackStepDto(string Kind, string Description)
{
    // The kinds are the journal's JSON discriminators, read from the attributes on RollbackStep so
    // the API can never spell a kind differently from the store.
    private static readonly IReadOnlyDictionary<Type, string> Kinds = typeof(RollbackStep)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public static RollbackStepDto From(RollbackStep step) =>
        new(Kinds.TryGetValue(step.GetType(), out var kind) ? kind : step.GetType().Name, step.Describe());
}
