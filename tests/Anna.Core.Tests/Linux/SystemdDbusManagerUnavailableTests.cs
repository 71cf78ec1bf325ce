using Anna.Core.Linux.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Core.Tests.Linux;

public sealed class SystemdDbusManagerUnavailableTests
{
    [Fact]
    public async Task Reports_unavailable_when_no_bus_listens_and_does_not_throw()
    {
        var address = $"unix:path=/tmp/anna-no-bus-{Guid.NewGuid():N}/bus";
        await using var manager = new SystemdDbusManager(address, NullLogger<SystemdDbusManager>.Instance, TimeProvider.System);

        await manager.StartAsync(CancellationToken.None);

        Assert.Equal(SystemdConnectionState.Unavailable, manager.State);
        Assert.StartsWith($"no D-Bus at {address}", manager.StateReason);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.ListUnitsAsync(CancellationToken.None));
        Assert.Contains("not connected", ex.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StartUnitAsync(UnitName.Parse("foo.service"), CancellationToken.None));
    }
}
