using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Anna.Server.Persistence;

/// <summary>Every failed store command reaches <see cref="StoreSpace"/>: counted, and a full disk releases the reserve.</summary>
internal sealed class StoreFailureInterceptor(StoreSpace space) : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => space.CommandFailed(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        space.CommandFailed(eventData.Exception);
        return Task.CompletedTask;
    }
}
