using System.Reflection;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The engine this test assembly runs its desks on: PostgreSQL in the suite's second run (LibrarianDesk.Tests.OnPostgreSql,
/// marked with the assembly metadata <c>DeskTestDatabase=PostgreSql</c>), SQLite otherwise.
/// </summary>
public static class DeskTestDatabase
{
    /// <summary>True in the PostgreSQL run: every <see cref="DeskApp"/> then starts on a fresh PostgreSQL database.</summary>
    public static bool IsPostgreSql { get; } = typeof(DeskTestDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Any(a => a.Key == "DeskTestDatabase" && a.Value == "PostgreSql");
}
