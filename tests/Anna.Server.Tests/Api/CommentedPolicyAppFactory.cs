namespace Anna.Server.Tests.Api;

/// <summary>Anna started on a policy file written by a person: comments, blank lines, own alignment.</summary>
public sealed class CommentedPolicyAppFactory : NoSystemdAppFactory
{
    public const string Policy = """
        # Policy for this box — edited by hand, keep these notes.

        [healing]
        policy = "supervised"      # guided was too slow at night
        max_actions_per_session = 4

        # Restarts only; the rest waits for me.
        auto_heal = ["service_restart"]

        [healing.schedule]
        preferred_hours = [1, 2]   # after the backup
        avoid_days = []

        """;

    protected override string InitialPolicy => Policy;
}
