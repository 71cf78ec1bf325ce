using System.Text.Json.Serialization;

namespace Anna.Core.Rollback;

/// <summary>
/// One thing undo must do, captured before the change it reverses is made: the pre-state and
/// the change intended. Steps of one action run in reverse order on undo. Stored as JSON with a
/// <c>kind</c> discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RestartServiceStep), "restart_service")]
[JsonDerivedType(typeof(StopServiceStep), "stop_service")]
[JsonDerivedType(typeof(RestoreFileStep), "restore_file")]
[JsonDerivedType(typeof(RevertConfigStep), "revert_config")]
[JsonDerivedType(typeof(ReinstallPackageStep), "reinstall_package")]
[JsonDerivedType(typeof(RestoreQuarantinedStep), "restore_quarantined")]
public abstract record RollbackStep
{
    /// <summary>What undoing this step does, in words.</summary>
    public abstract string Describe();
}
