using LibrarianDesk.Data;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>
/// A desk that cannot use its database says why in one line on the console and exits, instead of a stack trace: the
/// desk itself runs as a process, as an administrator starts it.
/// </summary>
public sealed class DatabaseSettingTests
{
    public static TheoryData<string, string?, string> Settings => new()
    {
        { "Oracle", null, "Desk:Database:Provider is \"Oracle\"" },
        { "PostgreSql", null, "ConnectionStrings:Desk is not set" },
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        { "PostgreSql", "Host=127.0.0.1;Port=1;Database=desk;Username=desk;Password=not-to-be-shown;Timeout=5", "Cannot reach PostgreSQL" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task A_desk_that_cannot_use_its_database_exits_with_one_line_saying_why(string provider, string? connectionString, string expected)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "librariandesk-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, _, errors) = await DeskProcess.RunAsync(new Dictionary<string, string?>
            {
                ["Desk__DataDirectory"] = dataDirectory,
                ["Desk__Database__Provider"] = provider,
                ["ConnectionStrings__Desk"] = connectionString,
            });

            exitCode.Should().Be(1);
            errors.TrimEnd().Should().Contain(expected).And.NotContain("\n", "one line, no stack trace").And.NotContain("not-to-be-shown");
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    public void The_provider_is_named_in_any_case_and_SQLite_when_unset(string? name, DatabaseProvider expected) =>
        From(name).Provider.Should().Be(expected);

    [Fact]
    public void A_providers_number_is_no_name() =>
        FluentActions.Invoking(() => From("1")).Should().Throw<DatabaseSettingException>().WithMessage("*use Sqlite (the default) or PostgreSql*");

    private static DeskDatabase From(string? provider) => DeskDatabase.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DeskDatabase.ProviderKey] = provider,
            [DeskDatabase.ConnectionStringKey] = "Host=localhost;Database=desk",
        }).Build(),
        new DatabaseOptions(),
        Path.GetTempPath());
}
