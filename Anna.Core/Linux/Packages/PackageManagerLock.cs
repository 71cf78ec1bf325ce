namespace Anna.Core.Linux.Packages;

/// <summary>Whether another process holds the package manager's lock, and which, in words.</summary>
public sealed record PackageManagerLock(bool Held, string Detail)
{
    public static readonly PackageManagerLock Free = new(false, "not locked");
}
