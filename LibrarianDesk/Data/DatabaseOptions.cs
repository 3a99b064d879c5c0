namespace LibrarianDesk.Data;

/// <summary>Where the desk keeps its data (section <c>Desk</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The folder for the SQLite file and other data; relative paths start at the content root. Created on first start.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file's name inside <see cref="DataDirectory"/>.</summary>
    public string DatabaseFile { get; set; } = "librariandesk.db";

    /// <summary>How long a writer waits for another to finish before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>When a commit counts as written (README, <i>Operations</i>): Normal survives a crash of the desk, Full a power cut too.</summary>
    public DatabaseSynchronous DatabaseSynchronous { get; set; } = DatabaseSynchronous.Normal;
}

/// <summary>SQLite's <c>synchronous</c> setting, limited to the two that are safe in WAL mode.</summary>
public enum DatabaseSynchronous
{
    /// <summary>The log is synced at checkpoints: a crash of the desk loses nothing committed; a power cut may lose the last commits.</summary>
    Normal,

    /// <summary>The log is synced at every commit: a power cut loses nothing committed either, at the cost of a sync per commit.</summary>
    Full,
}
