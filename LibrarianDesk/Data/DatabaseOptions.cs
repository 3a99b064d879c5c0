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
}
