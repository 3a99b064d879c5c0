using System.Net;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Hosting;

public sealed class StartupTests(DeskApp app) : IClassFixture<DeskApp>
{
    [Fact]
    public async Task A_fresh_data_folder_gets_a_migrated_SQLite_file_in_WAL_mode()
    {
        File.Exists(Path.Combine(app.DataDirectory, "librariandesk.db")).Should().BeTrue();
        await using var db = app.CreateDbContext();
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Should().NotBeEmpty();

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be("wal");
        command.CommandText = "PRAGMA foreign_keys;";
        (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(1L);
    }

    [Fact]
    public async Task Every_connection_from_the_pool_keeps_the_settings_the_desk_gave_it_when_it_was_opened_first()
    {
        // Three at once make the pool hold several native connections; the second round reuses them.
        for (var round = 0; round < 2; round++)
        {
            var contexts = Enumerable.Range(0, 3).Select(_ => app.CreateDbContext()).ToList();
            try
            {
                foreach (var db in contexts)
                {
                    await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = "PRAGMA foreign_keys;";
                    (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(1L, "foreign keys on in round {0}", round);
                    command.CommandText = "PRAGMA synchronous;";
                    (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(1L, "NORMAL in round {0}", round);
                    command.CommandText = "PRAGMA busy_timeout;";
                    (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(5000L, "the configured Desk:BusyTimeoutMilliseconds in round {0}", round);
                    command.CommandText = "PRAGMA wal_autocheckpoint;";
                    (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(0L, "no commit copies the log into the file, in round {0}", round);
                }
            }
            finally
            {
                foreach (var db in contexts)
                {
                    await db.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task Committed_pages_reach_the_database_file_in_the_background_while_no_commit_copies_them()
    {
        var file = new FileInfo(Path.Combine(app.DataDirectory, "librariandesk.db"));
        await using (var db = app.CreateDbContext())
        {
            // No commit of the desk copies the log into the file (wal_autocheckpoint = 0), so only the
            // background checkpoint can make the file grow by these pages.
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS CheckpointProbe (Text TEXT NOT NULL)", TestContext.Current.CancellationToken);
            file.Refresh();
            var before = file.Length;
            await db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO CheckpointProbe SELECT printf('%.4000c', 'x') FROM n",
                TestContext.Current.CancellationToken);

            await Eventually.TrueAsync(() =>
            {
                file.Refresh();
                return file.Length >= before + (200 * 4000);
            }, "the 800 kB just committed are in the database file");
        }
    }

    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        using var client = app.CreateBrowserClient();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Healthy");
    }

    [Fact]
    public async Task A_new_desk_starts_with_question_types_the_seed_service_hours_and_the_2026_holidays()
    {
        await using var db = app.CreateDbContext();
        var types = await db.QuestionTypes.Select(q => q.NameId).ToListAsync(TestContext.Current.CancellationToken);
        types.Should().Contain("Bantuan penelusuran literatur/informasi/data (Online)").And.Contain("ISBN").And.Contain("Lainnya");
        (await db.OpeningRanges.CountAsync(TestContext.Current.CancellationToken)).Should().Be(6, "Monday to Saturday, one range each");
        (await db.Holidays.CountAsync(h => h.Date.Year == 2026, TestContext.Current.CancellationToken)).Should().Be(25);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        using var client = app.CreateBrowserClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(response).Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task The_sign_in_page_is_Indonesian_by_default_and_English_after_choosing_it()
    {
        using var client = app.CreateBrowserClient();
        var indonesian = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        indonesian.Should().Contain("Masuk ke meja layanan").And.Contain("Kata sandi").And.Contain("lang=\"id\"");

        var choose = await client.GetAsync("/culture/en?returnUrl=%2FAccount%2FLogin", TestContext.Current.CancellationToken);
        choose.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(choose).Should().Be("/Account/Login");

        var english = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        english.Should().Contain("Sign in to the Ask a Librarian desk").And.Contain("Password").And.Contain("lang=\"en\"");
    }

    [Fact]
    public async Task The_language_switch_refuses_unknown_languages_and_foreign_return_addresses()
    {
        using var client = app.CreateBrowserClient();
        (await client.GetAsync("/culture/xx", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var offsite = await client.GetAsync("/culture/en?returnUrl=https%3A%2F%2Fevil.example", TestContext.Current.CancellationToken);
        SignIn.RedirectPath(offsite).Should().Be("/");
        var protocolRelative = await client.GetAsync("/culture/en?returnUrl=%2F%2Fevil.example", TestContext.Current.CancellationToken);
        SignIn.RedirectPath(protocolRelative).Should().Be("/");
        var controlCharacter = await client.GetAsync("/culture/en?returnUrl=%2F%09%2Fevil.example", TestContext.Current.CancellationToken);
        SignIn.RedirectPath(controlCharacter).Should().Be("/");
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_the_desk_page_and_tells_a_signed_out_visitor_nothing()
    {
        using var signedOut = app.CreateBrowserClient();
        SignIn.RedirectPath(await signedOut.GetAsync("/no-such-page", TestContext.Current.CancellationToken))
            .Should().StartWith("/Account/Login?", "the staff rule covers every address nobody opened, so a stranger cannot tell which exist");

        using var client = await SignIn.NewClientWithRoleAsync(app, LibrarianDesk.Shared.Staff.DeskRoles.Librarian);
        var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("Halaman tidak ditemukan");
    }
}
