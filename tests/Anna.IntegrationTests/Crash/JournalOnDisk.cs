using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Server.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// Anna's real SQLite store in a temporary data directory, in "lives": a crash test acts in one
/// life, then <see cref="RestartAsync"/> drops every object of it and opens the same file afresh,
/// as a restarted daemon would, for recovery to run over. The executor and recovery are built here
/// from the parts a test passes (its action's undoers, its fault injector), so any action can be
/// cut off the same way.
/// </summary>
internal sealed class JournalOnDisk : IAsyncDisposable
{
    private readonly DirectoryInfo _root;
    private ServiceProvider _life;

    private JournalOnDisk(DirectoryInfo root, ServiceProvider life)
    {
        _root = root;
        _life = life;
    }

    public string DataDirectory => Path.Combine(_root.FullName, "data");

    public RollbackStorage Storage => new(DataDirectory);

    public IActionJournal Journal => _life.GetRequiredService<IActionJournal>();

    public IHistoryStore History => _life.GetRequiredService<IHistoryStore>();

    public static async Task<JournalOnDisk> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("anna-crash-");
        try
        {
            return new JournalOnDisk(root, await OpenAsync(Path.Combine(root.FullName, "data")));
        }
        catch
        {
            root.Delete(recursive: true);
            throw;
        }
    }

    public ActionExecutor Executor(IEnumerable<IStepUndoer> undoers, IFaultInjector faults, IHealingConfig config) =>
        new(Journal, new RollbackExecutor(undoers), faults, Storage, config, TimeProvider.System);

    public JournalRecovery Recovery(IEnumerable<IStepUndoer> undoers, IHealingConfig config) =>
        new(Journal, new RollbackExecutor(undoers), config, new Core.Events.EngineEventFeed(NullLogger<Core.Events.EngineEventFeed>.Instance),
            TimeProvider.System, NullLogger<JournalRecovery>.Instance);

    public UndoService Undo(IEnumerable<IStepUndoer> undoers) =>
        new(Journal, new RollbackExecutor(undoers), new Core.Events.EngineEventFeed(NullLogger<Core.Events.EngineEventFeed>.Instance),
            TimeProvider.System, NullLogger<UndoService>.Instance);

    /// <summary>Ends this life (every object, every pooled connection) and opens the same file again.</summary>
    public async Task RestartAsync()
    {
        await _life.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _life = await OpenAsync(DataDirectory);
    }

    /// <summary>Every history row, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> RowsAsync()
    {
        var page = await History.ListAsync(1, 500, CancellationToken.None);
        return page.Items.Reverse().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _life.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private static async Task<ServiceProvider> OpenAsync(string dataDirectory)
    {
        var services = new ServiceCollection().AddAnnaStore(dataDirectory).BuildServiceProvider();
        await AnnaStoreInitializer.InitializeAsync(services);
        return services;
    }
}
