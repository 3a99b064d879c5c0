using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace LibrarianDesk.Data;

/// <summary>
/// The staff searches' one text rule, the same on every engine: a column matches what a person typed in any
/// (ASCII) case, with % and _ taken literally. SQLite's LIKE already ignores case; PostgreSQL's does not.
/// </summary>
public static class DeskText
{
    /// <summary>
    /// Whether <paramref name="column"/> matches <paramref name="pattern"/> (made by <see cref="LikePattern.Containing"/>),
    /// ignoring case. Only inside a query; <see cref="Map"/> gives each engine its SQL.
    /// </summary>
    public static bool Matches(string column, string pattern) =>
        throw new InvalidOperationException($"{nameof(DeskText)}.{nameof(Matches)} runs only inside a database query.");

    /// <summary>Maps <see cref="Matches"/> for the engine the model is built for.</summary>
    internal static void Map(ModelBuilder builder, DatabaseProvider provider, IRelationalTypeMappingSource typeMappings)
    {
        var text = typeMappings.FindMapping(typeof(string))!;
        var condition = typeMappings.FindMapping(typeof(bool))!;
        var escape = new SqlConstantExpression(LikePattern.Escape, typeof(string), text);

        // PostgreSQL: both sides lowered, as ILIKE does (its expression type is Npgsql-internal).
        SqlExpression Lower(SqlExpression value) =>
            new SqlFunctionExpression("lower", [value], nullable: true, argumentsPropagateNullability: [true], typeof(string), value.TypeMapping ?? text);

        builder.HasDbFunction(typeof(DeskText).GetMethod(nameof(Matches), [typeof(string), typeof(string)])!)
            .HasTranslation(arguments => provider == DatabaseProvider.PostgreSql
                ? new LikeExpression(Lower(arguments[0]), Lower(arguments[1]), escape, condition)
                : new LikeExpression(arguments[0], arguments[1], escape, condition));
    }
}
