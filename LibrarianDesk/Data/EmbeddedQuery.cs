using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data;

/// <summary>
/// The SQL and parameters EF writes for a LINQ query, to be placed inside a statement EF cannot write
/// (a materialised CTE, FTS5's auxiliary functions), so the filters stay LINQ, written once.
/// </summary>
public sealed record EmbeddedQuery(string Sql, IReadOnlyList<DbParameter> Parameters)
{
    public static EmbeddedQuery From(IQueryable query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = query.CreateDbCommand();
        var parameters = command.Parameters.Cast<DbParameter>().ToList();

        // A parameter belongs to one command; the statement that embeds this SQL takes them over.
        command.Parameters.Clear();
        return new EmbeddedQuery(command.CommandText, parameters);
    }
}
