using System.Data.Common;
using System.Runtime.CompilerServices;
using LibrarianDesk.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// An open desk whose database commands can be counted (<see cref="DatabaseCommandCounter"/>). The ring is
/// not repeated within a test's time, so only the rings a test publishes reach its desks.
/// </summary>
public sealed class CommandCountingDeskApp : OpenDeskApp
{
    public DatabaseCommandCounter Commands { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Desk:Queue:RingRepeatSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            if (OnPostgreSql)
            {
                services.ConfigureDbContext<PostgreSqlDeskDbContext>(db => db.AddInterceptors(Commands));
            }
            else
            {
                services.ConfigureDbContext<SqliteDeskDbContext>(db => db.AddInterceptors(Commands));
            }
        });
    }
}

/// <summary>
/// Counts the database commands a piece of work issues, including what its awaited listeners run, and
/// nothing of the desk's background work running beside it (the count follows the work's async flow).
/// </summary>
public sealed class DatabaseCommandCounter : DbCommandInterceptor
{
    private readonly AsyncLocal<StrongBox<int>?> counting = new();

    public async Task<int> CountAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var count = new StrongBox<int>();
        counting.Value = count;
        await work();
        return count.Value;
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (counting.Value is { } count)
        {
            Interlocked.Increment(ref count.Value);
        }

        return result;
    }
}
