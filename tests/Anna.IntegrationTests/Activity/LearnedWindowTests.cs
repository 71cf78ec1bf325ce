using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Activity;
using Anna.Core.Linux.Logind;
using Anna.Core.Policy;
using Anna.Core.Samples;
using Anna.IntegrationTests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Activity;

/// <summary>
/// Learned maintenance windows on real parts: logind is python-dbusmock's logind template on a
/// private bus, scripted through three weeks of an office (people log in at 09:00 and leave at
/// 17:00 on weekdays; an idle session, a background session and a login screen stay all week) and
/// a Saturday-night backup that stalls on I/O; Anna's own sampler reads it over D-Bus, the sample
/// writer stores what it read in a real Anna's SQLite store, and that Anna's API proposes and applies
/// the window. A test cannot wait three weeks: the sampler's clock is a fake one stepped hour by hour
/// through the past three weeks, so each sample carries the hour it stands for and the store rolls
/// the weeks up as it would have.
/// </summary>
public sealed class LearnedWindowTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.Local; // the host's, as the maintenance window's

    private static bool Office(DateTime local) => local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 9 and < 17;

    private static bool Backup(DateTime local) => local.DayOfWeek == DayOfWeek.Saturday && local.Hour is 2 or 3;

    [LogindMockFact]
    public async Task Three_scripted_weeks_of_logind_sessions_and_pressure_become_the_proposed_and_applied_window()
    {
        using var logind = await LogindMock.StartAsync();
        var proc = Directory.CreateTempSubdirectory("anna-activity-proc-");
        await using var anna = new AnnaAppFactory($"unix:path={Path.Combine(proc.FullName, "no-systemd")}", "[healing]\npolicy = \"autonomous\"\n");
        try
        {
            using var client = anna.CreateClient();
            var store = anna.Services.GetRequiredService<ISampleStore>();
            var now = DateTimeOffset.UtcNow;
            var clock = new SteppedClock(SampleRollup.BucketStart(now.AddDays(-21), TimeSpan.FromHours(1)));
            var queue = new SampleQueue();
            using var sessions = new LogindSessions(logind.Address);
            var sampler = new ActivitySampler(sessions, queue, clock, NullLogger<ActivitySampler>.Instance, proc.FullName, processors: 4);
            var writer = new SampleWriter(queue, store, clock, NullLogger<SampleWriter>.Instance);

            bool? atWork = null;
            ulong busy = 0, idle = 0;
            var taken = 0;
            for (var hour = clock.GetUtcNow(); hour < now.AddHours(-1); hour = hour.AddHours(1))
            {
                var local = TimeZoneInfo.ConvertTime(hour, Zone).DateTime;
                if (Office(local) != atWork)
                {
                    atWork = Office(local);
                    await logind.SetSessionsAsync(active: atWork.Value ? 3 : 0, idle: 1, background: 1, greeters: 1);
                }
                Directory.CreateDirectory(Path.Combine(proc.FullName, "pressure"));
                var io = Backup(local) ? "45.00" : "0.50";
                await File.WriteAllTextAsync(Path.Combine(proc.FullName, "pressure", "io"), $"some avg10={io} avg60=1.00 avg300=1.00 total=1\n");
                await File.WriteAllTextAsync(Path.Combine(proc.FullName, "loadavg"), "0.20 0.20 0.20 1/100 42\n");

                // Two samples in the hour, as the one-a-minute sampler would take many; between them
                // the CPUs were 60 % busy in office hours, 3 % otherwise, and the backup stalled on I/O.
                foreach (var minute in new[] { 15, 45 })
                {
                    var share = Office(local) ? 60UL : 3UL;
                    busy += share * 18;
                    idle += (100 - share) * 18;
                    await File.WriteAllTextAsync(Path.Combine(proc.FullName, "stat"), $"cpu  {busy} 0 0 {idle} 0 0 0 0 0 0\n");
                    clock.SetUtcNow(hour.AddMinutes(minute));
                    var queued = await sampler.SampleOnceAsync(CancellationToken.None);
                    // Sessions, CPU busy, I/O, load; the very first has no earlier CPU reading to compare with.
                    Assert.Equal(taken++ == 0 ? 3 : 4, queued);
                }
                if (local.Hour % 6 == 5)
                    await writer.DrainAsync(CancellationToken.None);
            }
            await writer.DrainAsync(CancellationToken.None);
            await store.RollUpAndPruneAsync(now, CancellationToken.None);
            Assert.Equal((0L, 0L, 0L), (queue.Dropped, writer.Failed, writer.OverCap));

            // What the sampler read from logind: three people at work, the idle, background and greeter sessions not counted.
            var tuesdays = (await store.RangeAsync(SampleMetric.ActiveSessions, "logind", now.AddDays(-21), now, SampleResolution.Hour, CancellationToken.None))
                .Where(b => TimeZoneInfo.ConvertTime(b.Start, Zone) is { DayOfWeek: DayOfWeek.Tuesday } t && t.Hour is 10 or 22).ToList();
            Assert.NotEmpty(tuesdays);
            Assert.All(tuesdays, b => Assert.Equal(TimeZoneInfo.ConvertTime(b.Start, Zone).Hour == 10 ? 3.0 : 0.0, b.Mean));

            var learned = await client.GetFromJsonAsync<JsonElement>("/api/v1/schedule/learned");

            Assert.True(learned.GetProperty("ready").GetBoolean(), learned.GetProperty("reason").GetString());
            var proposed = learned.GetProperty("proposed");
            // The office's hours, and the backup's: avoid_hours hold for every day.
            Assert.Equal([2, 3, 9, 10, 11, 12, 13, 14, 15, 16], Ints(proposed.GetProperty("avoidHours")));
            Assert.Equal([0, 1, 4, 5, 6, 7, 8, 17, 18, 19, 20, 21, 22, 23], Ints(proposed.GetProperty("preferredHours")));
            Assert.Empty(Ints(proposed.GetProperty("avoidDays")));
            var evidence = learned.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
            Assert.Contains(evidence, e => e.StartsWith("Mon–Fri 09:00–17:00 busy: 3.0 sessions, 60 % CPU on average", StringComparison.Ordinal));
            Assert.Contains(evidence, e => e.StartsWith("Sat 02:00–04:00 busy: 0.0 sessions, 3 % CPU, I/O stalled 45 % on average", StringComparison.Ordinal));

            var applied = await client.PostAsync("/api/v1/schedule/learned/apply", null);
            Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());

            // The engine's gate on the policy now in force: closed in every learned busy hour, open in the quiet ones.
            var window = new MaintenanceWindow(anna.Services.GetRequiredService<IHealingConfig>().Current.Schedule, Zone);
            var monday = NextLocal(now, DayOfWeek.Monday);
            Assert.False(window.IsOpen(At(monday.AddDays(1), 10)));
            Assert.False(window.IsOpen(At(monday.AddDays(5), 2)));
            Assert.True(window.IsOpen(At(monday.AddDays(1), 20)));
            Assert.True(window.IsOpen(At(monday.AddDays(6), 22))); // Sunday night; Sunday noon is closed too: avoid_hours hold for every day
            Assert.Contains("avoid_hours", await File.ReadAllTextAsync(anna.PolicyPath), StringComparison.Ordinal);
        }
        finally
        {
            proc.Delete(recursive: true);
        }
    }

    private static DateTime NextLocal(DateTimeOffset now, DayOfWeek day)
    {
        var date = TimeZoneInfo.ConvertTime(now, Zone).Date.AddDays(1);
        while (date.DayOfWeek != day)
            date = date.AddDays(1);
        return date;
    }

    private static DateTimeOffset At(DateTime localDay, int hour)
    {
        var local = localDay.AddHours(hour);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32()).Order()];
}

