using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LibrarianDesk.Data.Copy;

/// <summary>
/// One table of the desk's model as the copy moves it: its columns with the type both engines' readers return, its
/// primary key for the order rows are read in, and the tables it refers to.
/// </summary>
internal sealed partial class CopyTable
{
    private static readonly MethodInfo ReadTyped = typeof(CopyTable).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;

    private CopyTable(string name, IReadOnlyList<CopyColumn> columns, IReadOnlyList<string> key, IReadOnlySet<string> principals)
    {
        Name = name;
        Columns = columns;
        Key = key;
        Principals = principals;
    }

    public string Name { get; }

    public IReadOnlyList<CopyColumn> Columns { get; }

    /// <summary>The primary key's columns: rows are read in this order on both sides, so their checksums compare.</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>The other tables this one's foreign keys point at: they are copied first.</summary>
    public IReadOnlySet<string> Principals { get; }

    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    /// <summary>
    /// The tables of <paramref name="target"/>'s model in an order that satisfies every foreign key, each with the columns
    /// both models store (a computed column, or one only one engine has, is left to the target to fill). Tables outside the
    /// model, such as SQLite's message search index, are not part of it.
    /// </summary>
    public static IReadOnlyList<CopyTable> InDependencyOrder(IModel source, IModel target)
    {
        var sourceColumns = source.GetRelationalModel().Tables.ToDictionary(
            t => t.Name, t => t.Columns.Where(c => c.ComputedColumnSql is null).Select(c => c.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var tables = target.GetRelationalModel().Tables
            .Where(t => sourceColumns.ContainsKey(t.Name) && t.PrimaryKey is not null)
            .Select(t => new CopyTable(
                t.Name,
                [.. t.Columns.Where(c => c.ComputedColumnSql is null && sourceColumns[t.Name].Contains(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => new CopyColumn(c.Name, c.ProviderClrType, DataTypeName(c.StoreType)))],
                [.. t.PrimaryKey!.Columns.Select(c => c.Name)],
                t.ForeignKeyConstraints.Select(f => f.PrincipalTable.Name).Where(p => p != t.Name).ToHashSet(StringComparer.Ordinal)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

        var ordered = new List<CopyTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (tables.Count > 0)
        {
            var ready = tables.FirstOrDefault(t => t.Principals.All(placed.Contains))
                ?? throw new InvalidOperationException($"The model's foreign keys form a cycle among {string.Join(", ", tables.Select(t => t.Name))}.");
            ordered.Add(ready);
            placed.Add(ready.Name);
            tables.Remove(ready);
        }

        return ordered;
    }

    /// <summary>The rows in key order; <paramref name="textKeyCollation"/> makes PostgreSQL order text as SQLite does (bytewise).</summary>
    public string SelectSql(string? textKeyCollation) =>
        $"SELECT {ColumnList} FROM {Quote(Name)} ORDER BY {string.Join(", ", Key.Select(k => Quote(k) + (textKeyCollation is not null && Columns.Single(c => c.Name == k).Type == typeof(string) ? " COLLATE " + textKeyCollation : "")))}";

    public string CountSql => $"SELECT COUNT(*) FROM {Quote(Name)}";

    /// <summary>A row's values, each as the column's provider type (<c>null</c> for SQL NULL).</summary>
    public object?[] ReadRow(DbDataReader reader)
    {
        var row = new object?[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : Columns[i].Read(reader, i);
        }

        return row;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Npgsql names types without facets: "character varying(256)" is written as "character varying".
    private static string DataTypeName(string storeType) => Facets().Replace(storeType, "");

    internal static Func<DbDataReader, int, object> ReaderFor(Type type) =>
        ReadTyped.MakeGenericMethod(type).CreateDelegate<Func<DbDataReader, int, object>>();

    // Both engines' readers convert to the provider type themselves: SQLite's text to Guid, DateOnly or TimeOnly,
    // its integers to bool; the same call on both sides makes the checksums comparable.
    private static object Read<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

    [GeneratedRegex(@"\(.*\)")]
    private static partial Regex Facets();
}

/// <summary>A column as both readers return it (<see cref="Type"/>) and as PostgreSQL's COPY writes it (<see cref="DataTypeName"/>).</summary>
internal sealed class CopyColumn(string name, Type type, string dataTypeName)
{
    private readonly Func<DbDataReader, int, object> read = CopyTable.ReaderFor(Nullable.GetUnderlyingType(type) ?? type);

    public string Name { get; } = name;

    public Type Type { get; } = Nullable.GetUnderlyingType(type) ?? type;

    public string DataTypeName { get; } = dataTypeName;

    public object Read(DbDataReader reader, int ordinal) => read(reader, ordinal);
}
