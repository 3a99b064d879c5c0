namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// What makes child servers one desk (or one echo hub) on several servers: the Redis they share under one prefix, the
/// PostgreSQL database the desks share (none for the echo hub), and this server's name among them. Handed to each child
/// process in its environment, not on its command line, where the connection strings' passwords would show in <c>ps</c>.
/// </summary>
public sealed record ServerGroup(string Redis, string Prefix, string? PostgreSql, string Name)
{
    private const string RedisVariable = "LIBRARIANDESK_BENCH_REDIS";
    private const string PrefixVariable = "LIBRARIANDESK_BENCH_REDIS_PREFIX";
    private const string PostgreSqlVariable = "LIBRARIANDESK_BENCH_POSTGRESQL";
    private const string NameVariable = "LIBRARIANDESK_BENCH_SERVER";

    /// <summary>A prefix no earlier run left keys or channels under.</summary>
    public static string NewPrefix() => "librariandesk-bench-" + Guid.NewGuid().ToString("N")[..12];

    public void WriteTo(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[RedisVariable] = Redis;
        environment[PrefixVariable] = Prefix;
        environment[PostgreSqlVariable] = PostgreSql;
        environment[NameVariable] = Name;
    }

    /// <summary>The group this child server belongs to, or null for a server on its own.</summary>
    public static ServerGroup? FromEnvironment() =>
        Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } redis
            ? new ServerGroup(redis, Environment.GetEnvironmentVariable(PrefixVariable) ?? NewPrefix(),
                Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } database ? database : null,
                Environment.GetEnvironmentVariable(NameVariable) ?? "")
            : null;
}
