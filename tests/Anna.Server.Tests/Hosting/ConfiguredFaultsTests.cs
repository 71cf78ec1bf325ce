using Anna.Core.Rollback;
using Anna.Server.Configuration;
using Anna.Server.Hosting;
using Anna.Server.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Server.Tests.Hosting;

/// <summary>The host's fault-injection seam: off unless set, holds exactly where and as long as told, refuses a misspelt point.</summary>
public sealed class ConfiguredFaultsTests
{
    private static ConfiguredFaults Faults(FaultOptions options, TimeProvider time) =>
        new(Options.Create(options), time, NullLogger<ConfiguredFaults>.Instance);

    [Fact]
    public void Off_by_default_every_point_passes_at_once()
    {
        var faults = Faults(new FaultOptions(), new FakeTimeProvider());

        Assert.False(faults.IsOn);
        foreach (var point in Enum.GetValues<FaultPoint>())
            Assert.True(faults.ReachedAsync(point, 1, CancellationToken.None).IsCompletedSuccessfully, $"{point} should pass");
    }

    [Fact]
    public async Task On_it_holds_at_its_point_for_its_time_and_nowhere_else()
    {
        var time = new FakeTimeProvider();
        var faults = Faults(new FaultOptions { HoldAt = "step_recorded", HoldSeconds = 30 }, time);

        Assert.True(faults.IsOn);
        Assert.True(faults.ReachedAsync(FaultPoint.IntentWritten, 7, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(faults.ReachedAsync(FaultPoint.Acted, 7, CancellationToken.None).IsCompletedSuccessfully);
        var held = faults.ReachedAsync(FaultPoint.StepRecorded, 7, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(held.IsCompleted, "released before its time");
        time.Advance(TimeSpan.FromSeconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("halfway", 60, "HoldAt")]
    [InlineData("HalfDone", 60, "HoldAt")]
    [InlineData("half_done", 0, "HoldSeconds")]
    [InlineData("acted", 3601, "HoldSeconds")]
    public void A_bad_setting_is_refused_naming_it(string holdAt, int seconds, string setting)
    {
        var result = new FaultOptionsValidator().Validate(null, new FaultOptions { HoldAt = holdAt, HoldSeconds = seconds });

        Assert.True(result.Failed);
        Assert.Contains($"Anna:Faults:{setting}", result.FailureMessage);
    }

    [Fact]
    public void Every_fault_point_has_a_name_the_validator_accepts()
    {
        foreach (var name in FaultOptions.PointNames)
            Assert.True(new FaultOptionsValidator().Validate(null, new FaultOptions { HoldAt = name }).Succeeded, name);
        Assert.Equal(["intent_written", "step_recorded", "half_done", "acted"], FaultOptions.PointNames);
    }

    [Fact]
    public async Task The_host_binds_it_from_its_settings()
    {
        await using var factory = new FaultedAppFactory("half_done");
        _ = factory.CreateClient();

        var faults = Assert.IsType<ConfiguredFaults>(factory.Services.GetRequiredService<IFaultInjector>());
        Assert.True(faults.IsOn);
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_misspelt_fault_point()
    {
        await using var factory = new FaultedAppFactory("half-done");

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Anna:Faults:HoldAt", error.Message);
    }

    private sealed class FaultedAppFactory(string holdAt) : NoSystemdAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Anna:Faults:HoldAt", holdAt);
        }
    }
}
