namespace LibrarianDesk.Data;

/// <summary>
/// The desk's files hold every conversation, the member directory and the sign-in keys: on Unix only the
/// account running the desk may read them (folders 0700, files 0600). A folder that others cannot enter
/// already keeps them out whatever its files' modes, so folders matter most; files are tightened too, for
/// the day someone loosens a folder. Windows keeps its inherited ACLs.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder owner-only, or tightens it when an earlier version created it open.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderPermissions);
        File.SetUnixFileMode(path, FolderPermissions);
    }

    /// <summary><see cref="CreateFolder"/>, and every file already in it (not its subfolders) made owner-only.</summary>
    public static void SecureFolder(string path)
    {
        CreateFolder(path);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.EnumerateFiles(path))
            {
                File.SetUnixFileMode(file, FilePermissions);
            }
        }
    }

    /// <summary>Makes an existing file owner-only; a missing one is left missing.</summary>
    public static void Restrict(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file))
        {
            File.SetUnixFileMode(file, FilePermissions);
        }
    }

    /// <summary>Options for writing a new file that is owner-only from its first byte (fails if it exists).</summary>
    public static FileStreamOptions NewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FilePermissions;
        }

        return options;
    }
}
