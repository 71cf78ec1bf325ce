namespace Anna.Core.Linux.Logind;

/// <summary>Sessions are not counted (host setting <c>Anna:Activity:BusAddress</c> is empty): every count says so.</summary>
public sealed class NoLoginSessions : ILoginSessions
{
    public Task<LoginSessionCount> CountAsync(CancellationToken cancellationToken) =>
        Task.FromException<LoginSessionCount>(new InvalidOperationException("sessions are not counted: Anna:Activity:BusAddress is empty"));
}
