using LibrarianDesk.Bench;
using LibrarianDesk.Data;

namespace LibrarianDesk.Tests.Bench;

/// <summary>The bench's command line chooses the database: SQLite unless told otherwise, PostgreSQL only with a server to use.</summary>
public sealed class BenchOptionsTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=bench;Password=s3cret;Database=postgres";

    [Fact]
    public void Without_a_provider_the_bench_runs_every_scenario_on_SQLite()
    {
        var options = BenchOptions.Parse(["--quick"]);

        options.Provider.Should().Be(DatabaseProvider.Sqlite);
        options.PostgreSql.Should().BeNull();
        options.Only.Should().BeEquivalentTo(BenchOptions.AllScenarios);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    public void On_PostgreSQL_the_bench_runs_the_database_scenarios_on_the_named_server(string provider)
    {
        var options = BenchOptions.Parse(["--provider", provider, "--postgres", Server]);

        options.Provider.Should().Be(DatabaseProvider.PostgreSql);
        options.PostgreSql.Should().Be(Server);
        options.Only.Should().BeEquivalentTo("persistence", "claim", "data");
        BenchRunner.NewReport(options).Target.Should().Contain("PostgreSQL at 127.0.0.1:5432").And.NotContain("s3cret", "the connection string may hold a password");
    }

    [Fact]
    public void On_PostgreSQL_a_chosen_database_scenario_runs_alone()
    {
        var options = BenchOptions.Parse(["--provider", "PostgreSql", "--postgres", Server, "--only", "claim"]);

        options.Only.Should().BeEquivalentTo("claim");
    }

    [Fact]
    public void Sqlite_by_name_is_the_default_engine()
    {
        BenchOptions.Parse(["--provider", "sqlite"]).Provider.Should().Be(DatabaseProvider.Sqlite);
    }

    [Fact]
    public void On_two_servers_the_bench_runs_the_chat_on_the_named_PostgreSQL_server_and_Redis()
    {
        var options = BenchOptions.Parse(["--servers", "2", "--provider", "PostgreSql", "--postgres", Server, "--redis", "127.0.0.1:6390"]);

        options.Servers.Should().Be(2);
        options.Redis.Should().Be("127.0.0.1:6390");
        options.Only.Should().BeEquivalentTo("chat");
        BenchRunner.NewReport(options).Target.Should().Contain("two servers").And.Contain("PostgreSQL at 127.0.0.1:5432")
            .And.Contain("Redis at 127.0.0.1:6390").And.NotContain("s3cret");
    }

    [Theory]
    [InlineData("--servers 2 --redis 127.0.0.1:6390", "--provider PostgreSql")]
    [InlineData("--servers 2 --provider PostgreSql --postgres " + Server, "--redis")]
    [InlineData("--servers 2 --provider PostgreSql --postgres " + Server + " --redis 127.0.0.1:6390 --only chat,claim", "claim run on one server")]
    [InlineData("--servers 3", "--servers is 1 or 2")]
    [InlineData("--redis 127.0.0.1:6390", "--servers 2")]
    public void Two_servers_without_what_they_share_are_refused_with_the_reason(string arguments, string reason)
    {
        var parse = () => BenchOptions.Parse(arguments.Split(' '));

        parse.Should().Throw<ArgumentException>().WithMessage($"*{reason}*");
    }

    [Theory]
    [InlineData("--provider PostgreSql", "--postgres")]
    [InlineData("--provider Oracle", "Unknown provider 'Oracle'")]
    [InlineData("--provider 1", "Unknown provider '1'")]
    [InlineData("--provider", "needs a value")]
    [InlineData("--postgres " + Server, "--provider PostgreSql")]
    [InlineData("--provider PostgreSql --postgres " + Server + " --only chat,claim", "chat run on SQLite only")]
    public void A_provider_the_bench_cannot_use_is_refused_with_the_reason(string arguments, string reason)
    {
        var parse = () => BenchOptions.Parse(arguments.Split(' '));

        parse.Should().Throw<ArgumentException>().WithMessage($"*{reason}*");
    }
}
