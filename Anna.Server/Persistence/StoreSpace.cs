using System.Globalization;
using Anna.Core.Engine;
using Anna.Core.Linux.FileSystem;
using Microsoft.Data.Sqlite;

namespace Anna.Server.Persistence;

/// <summary>
/// Room for Anna's own records when the data directory's disk fills up. Anna keeps a reserve file
/// (<c>Anna:StoreReserveMiB</c>, 8 MiB, really allocated) next to its database; when the filesystem
/// is full — or a write fails for lack of space — it deletes the reserve, so it can go on writing
/// down every action before taking it (including the cleanups that would free the disk). It says
/// so loudly: a critical log line, <c>watching.store</c> in health, and the store metrics. Once
/// there is room again, the reserve is made anew.
/// </summary>
public sealed class StoreSpace
{
    public const string ReserveFileName = "space-reserve";
    private const int SqliteFull = 13;

    private readonly AnnaStoreLocation _location;
    private readonly WatchStatus _watching;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreSpace> _logger;
    private readonly Lock _gate = new();
    private long _errors;
    private string? _releasedWhy;

    public StoreSpace(AnnaStoreLocation location, WatchStatus watching, TimeProvider time, IConfiguration? configuration, ILogger<StoreSpace> logger)
    {
        _location = location;
        _watching = watching;
        _time = time;
        _logger = logger;
        ReserveBytes = Math.Clamp(configuration?.GetValue("Anna:StoreReserveMiB", 8) ?? 8, 0, 1024) * 1024L * 1024;
    }

    public long ReserveBytes { get; }

    public string ReservePath => Path.Combine(_location.DataDirectory, ReserveFileName);

    /// <summary>Failed store commands since start-up.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Bytes free for Anna on the data directory's filesystem at the last check.</summary>
    public long AvailableBytes { get; private set; }

    public bool ReserveHeld => File.Exists(ReservePath);

    /// <summary>Looks at the filesystem: releases the reserve when it is nearly full, makes it again when there is room.</summary>
    public void Check()
    {
        if (ReserveBytes == 0 || !Directory.Exists(_location.DataDirectory))
            return;
        lock (_gate)
        {
            AvailableBytes = FileSystemUsage.Of(_location.DataDirectory).AvailableBytes;
            if (ReserveHeld && AvailableBytes < ReserveBytes / 2)
                Release($"the filesystem of {_location.DataDirectory} is full ({AvailableBytes / 1024} KiB free)");
            else if (!ReserveHeld && AvailableBytes > 3 * ReserveBytes)
                Make();
        }
    }

    /// <summary>A store command failed: counted, and when it was for lack of space the reserve goes at once.</summary>
    public void CommandFailed(Exception error)
    {
        Interlocked.Increment(ref _errors);
        if (error is SqliteException { SqliteErrorCode: SqliteFull } || error.InnerException is SqliteException { SqliteErrorCode: SqliteFull })
        {
            lock (_gate)
            {
                if (ReserveHeld)
                    Release($"a write to {_location.DatabasePath} failed: {error.Message}");
                else
                    _watching.Set("store", $"cannot write: {error.Message} — the data directory's filesystem is full and the reserve is spent; free space on it");
            }
        }
    }

    private void Release(string why)
    {
        try
        {
            File.Delete(ReservePath);
        }
        catch (IOException ex)
        {
            _logger.LogError(ex, "Could not release the store's space reserve {Path}", ReservePath);
            return;
        }
        _releasedWhy = $"{why}; released the {ReserveBytes / (1024 * 1024)} MiB reserve at {_time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} to keep recording actions — free space there";
        _logger.LogCritical("Anna's data directory is out of space: {Why}", _releasedWhy);
        _watching.Set("store", $"full: {_releasedWhy}");
    }

    private void Make()
    {
        try
        {
            // Allocated for real (fallocate), not sparse: deleting it must free blocks.
            using (new FileStream(ReservePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                PreallocationSize = ReserveBytes,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
            }
        }
        catch (IOException ex)
        {
            File.Delete(ReservePath);
            _logger.LogWarning("Could not keep a space reserve for the store at {Path}: {Message}", ReservePath, ex.Message);
            return;
        }
        if (_releasedWhy is not null)
            _logger.LogWarning("Anna's data directory has room again; the store's space reserve is back");
        _releasedWhy = null;
        _watching.Set("store", $"writable ({ReserveBytes / (1024 * 1024)} MiB kept in reserve for a full disk)");
    }
}
