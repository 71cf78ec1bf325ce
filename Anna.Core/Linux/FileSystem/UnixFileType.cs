namespace Anna.Core.Linux.FileSystem;

/// <summary>The kinds of directory entry Anna tells apart.</summary>
public enum UnixFileType
{
    Regular,
    Directory,
    Symlink,
    Other,
}
