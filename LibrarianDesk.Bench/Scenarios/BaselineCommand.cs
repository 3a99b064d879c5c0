using System.Data.Common;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>A hand-written baseline's command on the desk's connection, whichever the engine (<see cref="Hosting.DeskHost.NewConnection"/>).</summary>
public static class BaselineCommand
{
    /// <summary>Parameter names as the engine's SQL expects them: <c>$name</c> on SQLite, <c>name</c> (written <c>@name</c>) on PostgreSQL.</summary>
    public static DbCommand Create(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
