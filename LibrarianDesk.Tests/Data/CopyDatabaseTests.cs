using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Data.Copy;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// <c>LibrarianDesk copy-database</c>, run as a process as an administrator runs it: a SQLite desk with the demo moves
/// into an empty PostgreSQL database with every row, and a desk started on the copy is the same desk.
/// </summary>
public sealed class CopyDatabaseTests(CopiedDesk desks) : IClassFixture<CopiedDesk>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_table_is_copied_and_its_count_and_checksum_are_equal_on_both_sides()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var (exitCode, output, errors) = desks.Copy;

        exitCode.Should().Be((int)CopyExit.Copied, errors);
        await using var db = desks.Sqlite.CreateDbContext();
        var lines = output.Split('\n');
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            lines.Should().ContainSingle(l => l.StartsWith(table.Name + " ", StringComparison.Ordinal), $"{table.Name} is in the verification table")
                .Which.Should().EndWith("equal");
        }

        output.Should().Contain("Copied and verified").And.Contain("FTS5").And.Contain("key ring");
        (await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().CountAsync(Cancel)).Should().BeGreaterThan(0, "the authenticator key is a row");
    }

    [Fact]
    public async Task Staff_sign_in_on_the_copy_with_their_passwords_and_authenticator_codes()
    {
        await PostgreSqlDeskApp.RequireAsync();

        using var supervisor = desks.PostgreSql.CreateBrowserClient();
        await SignIn.AsAsync(supervisor, CopiedDesk.SupervisorEmail, CopiedDesk.DemoPassword);

        using var withCode = desks.PostgreSql.CreateBrowserClient();
        await TwoFactorForms.SignInAsync(withCode, CopiedDesk.TwoFactorEmail, DeskApp.StaffPassword, desks.TwoFactorKey);
    }

    [Fact]
    public async Task The_desk_on_the_copy_holds_the_same_conversations_and_its_start_added_nothing()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var sqlite = desks.Sqlite.CreateDbContext();
        await using var postgreSql = desks.PostgreSql.CreateDbContext();

        (await CountsAsync(postgreSql)).Should().Equal(await CountsAsync(sqlite), "the desk's start on the copy seeds and bootstraps nothing");
        var conversations = await ConversationsAsync(sqlite);
        conversations.Should().HaveCountGreaterThan(100);
        (await ConversationsAsync(postgreSql)).Should().Equal(conversations);

        var reader = new HistoryReader(await SupervisorIdAsync());
        var listed = await desks.Sqlite.Service<HistorySearch>().SearchAsync(new HistoryFilter(), reader, 0, HistorySearch.MaxPageSize, Cancel);
        (await desks.PostgreSql.Service<HistorySearch>().SearchAsync(new HistoryFilter(), reader, 0, HistorySearch.MaxPageSize, Cancel))
            .Should().BeEquivalentTo(listed, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task The_analytics_report_gives_the_same_numbers_on_both()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var today = DateOnly.FromDateTime(Wib.ToWib(DateTimeOffset.UtcNow).DateTime);
        var month = new AnalyticsQuery(today.AddDays(-29), today);

        var report = await desks.Sqlite.Service<AnalyticsService>().GetReportAsync(month, Cancel);

        report.Current.Conversations.Should().BeGreaterThan(100);
        (await desks.PostgreSql.Service<AnalyticsService>().GetReportAsync(month, Cancel)).Should().BeEquivalentTo(report, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_history_search_gives_the_same_hits_on_both()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var reader = new HistoryReader(await SupervisorIdAsync());
        var search = new HistoryFilter { Text = "buku" };

        var hits = await desks.Sqlite.Service<HistorySearch>().SearchAsync(search, reader, 0, HistorySearch.MaxPageSize, Cancel);

        hits.Total.Should().BeGreaterThan(0);
        (await desks.PostgreSql.Service<HistorySearch>().SearchAsync(search, reader, 0, HistorySearch.MaxPageSize, Cancel))
            .Should().BeEquivalentTo(hits, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Generated_keys_continue_after_the_largest_copied_key()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var db = desks.PostgreSql.CreateDbContext();
        var generated = new List<string>();
        foreach (var table in db.Model.GetRelationalModel().Tables.Where(t => t.PrimaryKey!.Columns is [{ ProviderClrType: var type }] && (type == typeof(int) || type == typeof(long))))
        {
            var name = $"\"{table.Name}\"";
            var key = table.PrimaryKey!.Columns[0].Name;
            var sequence = await ScalarAsync(desks.TargetConnectionString,
                $"SELECT COALESCE(nextval(pg_get_serial_sequence('{name}', '{key}')), -1) AS next");
            if (sequence != -1)
            {
                generated.Add(table.Name);
                sequence.Should().BeGreaterThan(await ScalarAsync(desks.TargetConnectionString, $"SELECT COALESCE(MAX(\"{key}\"), 0) FROM {name}"), table.Name);
            }
        }

        generated.Should().Contain(["ChatMessages", "PresencePeriods", "Members"]);
    }

    [Fact]
    public async Task A_second_copy_into_the_filled_database_is_refused()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var db = desks.PostgreSql.CreateDbContext();
        var before = await CountsAsync(db);

        var (exitCode, _, errors) = await desks.RunCopyAsync("--to-provider", "PostgreSql", "--to", desks.TargetConnectionString);

        exitCode.Should().Be((int)CopyExit.TargetNotEmpty);
        OneLine(errors).Should().Contain("The PostgreSQL database is not empty: table \"public\".");
        (await CountsAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task A_database_with_rows_in_any_table_is_refused_and_nothing_is_written_to_it()
    {
        var cluster = await PostgreSqlCluster.RequireAsync();
        var target = await cluster.CreateDatabaseAsync();
        await ExecuteAsync(target, "CREATE TABLE notes (id integer); INSERT INTO notes VALUES (1)");

        var (exitCode, _, errors) = await desks.RunCopyAsync("--to-provider", "PostgreSql", "--to", target);

        exitCode.Should().Be((int)CopyExit.TargetNotEmpty);
        OneLine(errors).Should().Contain("table \"public\".\"notes\" has rows");
        (await ScalarAsync(target, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")).Should().Be(1, "not even the schema is created");
    }

    public static TheoryData<string[], string> BadArguments => new()
    {
        { [], "--to-provider is missing." },
        { ["--to-provider", "PostgreSql"], "--to is missing." },
        { ["--to-provider", "Oracle", "--to", "Host=localhost"], "--to-provider is \"Oracle\"" },
        { ["--to-provider", "PostgreSql", "--to"], "--to needs a value." },
        { ["--to-provider", "PostgreSql", "--to", "Host=localhost", "--batch-size", "0"], "--batch-size is \"0\"" },
        { ["--to-provider", "PostgreSql", "--to", "Colour=blue"], "--to is not a PostgreSQL connection string" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_print_why_and_the_usage(string[] arguments, string why)
    {
        var (exitCode, output, errors) = await desks.RunCopyAsync(arguments);

        exitCode.Should().Be((int)CopyExit.Usage);
        OneLine(errors).Should().StartWith(why).And.EndWith(CopyDatabaseCommand.Usage);
        output.Should().BeEmpty("nothing started");
    }

    [Fact]
    public async Task A_desk_configured_for_PostgreSQL_is_no_source()
    {
        var (exitCode, _, errors) = await DeskProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["Desk__DataDirectory"] = desks.Sqlite.DataDirectory,
                ["Desk__Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__Desk"] = "Host=127.0.0.1;Port=1;Database=desk",
            },
            "copy-database", "--to-provider", "PostgreSql", "--to", "Host=127.0.0.1;Port=1;Database=other");

        exitCode.Should().Be((int)CopyExit.SourceNotSqlite);
        OneLine(errors).Should().Contain("copy-database copies a SQLite desk, but Desk:Database:Provider is PostgreSql");
    }

    [Fact]
    public async Task An_unreachable_target_is_named_without_its_password()
    {
        var (exitCode, _, errors) = await desks.RunCopyAsync(
            "--to-provider", "PostgreSql", "--to", "Host=127.0.0.1;Port=1;Database=desk;Username=desk;Password=not-to-be-shown;Timeout=5");

        exitCode.Should().Be((int)CopyExit.TargetUnreachable);
        OneLine(errors).Should().Contain("Cannot reach PostgreSQL (--to: host 127.0.0.1, port 1, database desk)").And.NotContain("not-to-be-shown");
    }

    private static string OneLine(string errors)
    {
        errors.TrimEnd().Should().NotContain("\n", "one line, no stack trace");
        return errors.TrimEnd();
    }

    private async Task<string> SupervisorIdAsync()
    {
        await using var db = desks.Sqlite.CreateDbContext();
        return await db.Users.Where(u => u.Email == CopiedDesk.SupervisorEmail).Select(u => u.Id).SingleAsync(Cancel);
    }

    /// <summary>Rows of the tables a start seeds or a sign-in could touch, and the conversations.</summary>
    private static async Task<long[]> CountsAsync(DeskDbContext db) =>
    [
        await db.Users.LongCountAsync(Cancel), await db.Roles.LongCountAsync(Cancel), await db.UserRoles.LongCountAsync(Cancel),
        await db.UserTokens.LongCountAsync(Cancel), await db.QuestionTypes.LongCountAsync(Cancel), await db.FaqEntries.LongCountAsync(Cancel),
        await db.CannedResponses.LongCountAsync(Cancel), await db.OpeningRanges.LongCountAsync(Cancel), await db.Holidays.LongCountAsync(Cancel),
        await db.MailTemplates.LongCountAsync(Cancel), await db.Members.LongCountAsync(Cancel), await db.Conversations.LongCountAsync(Cancel),
        await db.ChatMessages.LongCountAsync(Cancel), await db.OfflineMessages.LongCountAsync(Cancel), await db.PresencePeriods.LongCountAsync(Cancel),
        await db.ConversationReadMarks.LongCountAsync(Cancel), await db.IpBlocks.LongCountAsync(Cancel), await db.DeskSettings.LongCountAsync(Cancel),
    ];

    private static async Task<List<(Guid, int, int)>> ConversationsAsync(DeskDbContext db) =>
        (await db.Conversations.AsNoTracking().OrderBy(c => c.StartedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Status, c.LastSequence }).ToListAsync(Cancel))
        .Select(c => (c.Id, (int)c.Status, c.LastSequence)).ToList();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), CultureInfo.InvariantCulture);
    }
}
