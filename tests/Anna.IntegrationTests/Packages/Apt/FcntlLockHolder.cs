using System.Diagnostics;

namespace Anna.IntegrationTests.Packages.Apt;

/// <summary>
/// Another process holding an fcntl write lock on a file, the way apt and dpkg hold theirs. It has
/// to be another process: a process never conflicts with its own fcntl locks. perl is Essential
/// on Debian, so it is always there.
/// </summary>
public sealed class FcntlLockHolder : IDisposable
{
    private const string Script =
        """use Fcntl; open(my $fh, "+<", $ARGV[0]) or die "open: $!"; my $l = pack("s s x4 q q l x4", F_WRLCK, 0, 0, 0, 0); fcntl($fh, F_SETLK, $l) or die "lock: $!"; $| = 1; print "locked\n"; <STDIN>;""";

    private readonly Process _process;

    public FcntlLockHolder(string path)
    {
        var start = new ProcessStartInfo("perl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        _process = Process.Start(start)!;
        var line = _process.StandardOutput.ReadLine();
        if (line != "locked")
            throw new InvalidOperationException($"perl did not take the lock on {path}");
    }

    public int Pid => _process.Id;

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
            _process.Kill();
        _process.Dispose();
    }
}
