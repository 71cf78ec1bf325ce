using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Configuration;

/// <summary>
/// The policy in force, read from healing.toml and re-read whenever the file changes. A bad edit
/// never replaces a good policy: the last good one stays in force and the errors are exposed.
/// </summary>
public sealed partial class HealingConfigFile : IHealingConfig, IDisposable
{
    /// <summary>
    /// Editors save in several steps (truncate + write, or write temp + rename); waiting for the
    /// burst to settle means the file is read once, complete.
    /// </summary>
    internal static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly ITimer _debounce;
    private readonly FileSystemWatcher? _watcher;
    private readonly string _path;
    private readonly string _fileName;
    private volatile HealingOptions _current;
    private volatile IReadOnlyList<ConfigError> _errors;
    private bool _disposed;

    /// <summary>Loads <paramref name="path"/> now and watches it; a missing file means defaults.</summary>
    public HealingConfigFile(string path, ILogger<HealingConfigFile> logger, TimeProvider timeProvider)
        : this(path, LoadInitial(path), logger, timeProvider)
    {
    }

    /// <summary>
    /// Starts from a result the host already got from <see cref="LoadInitial"/>, so the file is not
    /// read twice at start-up. A failed result means defaults are in force with its errors shown;
    /// the host is expected to refuse to start instead.
    /// </summary>
    public HealingConfigFile(string path, LoadResult initial, ILogger<HealingConfigFile> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _path = System.IO.Path.GetFullPath(path);
        _fileName = System.IO.Path.GetFileName(_path);
        _logger = logger;
        _current = initial.Options ?? new HealingOptions();
        _errors = initial.Errors;
        _debounce = timeProvider.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = StartWatching();
    }

    public HealingOptions Current => _current;

    public string? Path => _path;

    public IReadOnlyList<ConfigError> Errors => _errors;

    public event Action? Changed;

    /// <summary>
    /// Reads the policy file for start-up: defaults when it does not exist, otherwise the parsed
    /// options or every error (including an unsafe owner or mode when running as root).
    /// </summary>
    public static LoadResult LoadInitial(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return File.Exists(full) ? Load(full) : LoadResult.Success(new HealingOptions());
    }

    /// <summary>Re-reads the file now; also what the watcher does after a change settles.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            var result = File.Exists(_path)
                ? Load(_path)
                : LoadResult.Failure([LoadResult.FileError(_path, "file was removed; keeping the last good config")]);
            if (result.Options is { } options)
            {
                _current = options;
                _errors = [];
                LogReloaded(_logger, _path);
            }
            else
            {
                _errors = result.Errors;
                LogRejected(_logger, _path, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
            }
        }
        RaiseChanged();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _watcher?.Dispose();
        _debounce.Dispose();
    }

    private static LoadResult Load(string path)
    {
        try
        {
            var problems = PolicyFileGuard.Check(path);
            if (problems.Count > 0)
                return LoadResult.Failure([.. problems.Select(p => LoadResult.FileError(path, p))]);
            return HealingConfigParser.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Includes the file vanishing between the existence check and the read.
            return LoadResult.Failure([LoadResult.FileError(path, $"cannot read the file: {e.Message}")]);
        }
    }

    private FileSystemWatcher? StartWatching()
    {
        var directory = System.IO.Path.GetDirectoryName(_path);
        if (directory is null || !Directory.Exists(directory))
        {
            LogNotWatching(_logger, _path);
            return null;
        }
        // The directory, not the file: editors that save by renaming a new file over the old one
        // would otherwise leave us watching a deleted inode.
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size
                | NotifyFilters.CreationTime | NotifyFilters.Attributes | NotifyFilters.Security,
        };
        watcher.Changed += OnFileEvent;
        watcher.Created += OnFileEvent;
        watcher.Deleted += OnFileEvent;
        watcher.Renamed += OnFileEvent;
        watcher.Error += (_, e) =>
        {
            // Overflowed events may have hidden a change: re-read to be sure.
            LogWatcherError(_logger, _path, e.GetException());
            ScheduleReload();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        var ours = e.Name == _fileName || (e is RenamedEventArgs renamed && renamed.OldName == _fileName);
        if (ours)
            ScheduleReload();
    }

    private void ScheduleReload()
    {
        lock (_gate)
        {
            if (!_disposed)
                _debounce.Change(DebounceDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void RaiseChanged()
    {
        // Runs on a timer thread; a throwing subscriber must not take the process down.
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e)
        {
            LogSubscriberFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy reloaded from {Path}")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy file {Path} rejected ({Count} errors); keeping the last good policy:\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string path, int count, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory of {Path} does not exist; changes to the policy file will not be noticed")]
    private static partial void LogNotWatching(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching {Path} failed; re-reading it")]
    private static partial void LogWatcherError(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to policy changes failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
