namespace Anna.Core.Linux.Logind;

/// <summary>Who is logged in, as logind sees it.</summary>
public interface ILoginSessions
{
    /// <summary>The sessions now; throws when logind cannot be reached (the caller records no sample then).</summary>
    Task<LoginSessionCount> CountAsync(CancellationToken cancellationToken);
}
