using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>A desk set up for several servers that cannot work as one says why in one line and exits, as a database problem does.</summary>
public sealed class RedisSettingTests
{
    [Fact]
    public async Task Several_servers_on_SQLite_are_refused_with_one_line()
    {
        var (exitCode, errors) = await RunAsync(new Dictionary<string, string?> { ["Desk__Redis__Configuration"] = "127.0.0.1:1" });

        exitCode.Should().Be(1);
        errors.TrimEnd().Should().Contain("set Desk:Database:Provider to PostgreSql").And.NotContain("\n", "one line, no stack trace");
    }

    [Fact]
    public async Task An_unreachable_Redis_stops_the_desk_with_one_line_that_hides_the_password()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var database = await (await PostgreSqlCluster.RequireAsync()).CreateDatabaseAsync();

        // Port 1 on the loopback: nothing listens there.
        var (exitCode, errors) = await RunAsync(new Dictionary<string, string?>
        {
            ["Desk__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Desk"] = database,
            ["Desk__Redis__Configuration"] = "127.0.0.1:1,password=not-to-be-shown,connectTimeout=2000",
        });

        exitCode.Should().Be(1);
        errors.TrimEnd().Should().Contain("Redis from Desk:Redis:Configuration (127.0.0.1:1")
            .And.Contain("could not be reached").And.NotContain("\n").And.NotContain("not-to-be-shown");
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(Dictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "librariandesk-tests", Guid.NewGuid().ToString("N"));
        try
        {
            settings["Desk__DataDirectory"] = dataDirectory;
            var (exitCode, _, errors) = await DeskProcess.RunAsync(settings);
            return (exitCode, errors);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
